import { ReactNode, useEffect, useRef } from 'react';

/**
 * One screen: its title becomes the document's, and its heading takes the focus when the screen
 * opens, so keyboard and screen-reader users start at the top of what changed.
 */
export function Page({ title, lead, actions, children }: { title: string; lead?: ReactNode; actions?: ReactNode; children?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · R2C Tracker`;
  }, [title]);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, []);
  return (
    <>
      <div className="page-head">
        <h1 tabIndex={-1} ref={heading}>
          {title}
        </h1>
        {actions && <div className="page-actions">{actions}</div>}
      </div>
      {lead && <div className="lead">{lead}</div>}
      {children}
    </>
  );
}

export function Section({ title, id, children, className }: { title: string; id?: string; children?: ReactNode; className?: string }) {
  const headingId = `${id ?? title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-title`;
  return (
    <section className={`panel${className ? ` ${className}` : ''}`} id={id} aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}
