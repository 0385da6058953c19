import { ReactNode, useEffect, useRef } from 'react';
import { Link } from '../../router';

/**
 * A page opened from an emailed link or the sign-in page, with or without a session: no menu, the
 * heading takes the focus as on every screen.
 */
export function PublicPage({ title, lead, children }: { title: string; lead?: ReactNode; children?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · R2C Tracker`;
    heading.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <main id="main" className="sign-in">
      <p className="brand-line">R2C Tracker</p>
      <h1 tabIndex={-1} ref={heading}>
        {title}
      </h1>
      {lead && <p className="lead">{lead}</p>}
      {children}
    </main>
  );
}

/** A link that can no longer be used: what happened (the API's words) and how to get a fresh one. */
export function LinkRefused({ title, reason, next }: { title: string; reason: string; next: ReactNode }) {
  return (
    <PublicPage title={title}>
      <div className="notice link-refused" role="alert">
        <p>{reason}</p>
      </div>
      <p>{next}</p>
      <p>
        <Link to="/">Go to the sign-in page</Link>
      </p>
    </PublicPage>
  );
}

/** The `token` of the address the email linked to; null when it is missing. */
export function tokenFromAddress(): string | null {
  const token = new URLSearchParams(window.location.search).get('token')?.trim();
  return token ? token : null;
}
