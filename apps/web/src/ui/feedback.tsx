import { MouseEvent, ReactNode, RefObject, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';

export interface FieldLink {
  id: string;
  label: string;
}

const plain = (error: unknown) => (error instanceof ApiError ? error.message : 'Something unexpected happened in this page. Reload it and try again.');

/**
 * The reason an action was refused, at the top of its form, taking the focus so a screen reader
 * reads it; each field it names is linked, and the same words also stand beside that field.
 */
export function ErrorSummary({ error, title = 'This could not be done', links = [] }: { error: unknown; title?: string; links?: FieldLink[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  if (!error) return null;
  const jump = (id: string) => (event: MouseEvent) => {
    event.preventDefault();
    const target = document.getElementById(id);
    target?.scrollIntoView({ block: 'center' });
    target?.focus();
  };
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref}>
      <h3 className="error-summary-title">{title}</h3>
      <p>{plain(error)}</p>
      {links.length > 0 && (
        <ul>
          {links.map((l) => (
            <li key={l.id}>
              <a href={`#${l.id}`} onClick={jump(l.id)}>
                {l.label}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * The outcome of what someone just did ("Check-in posted"), shown where the thumb is: pinned to the
 * bottom of the window, above whatever they tapped, until they dismiss it or do something else. A
 * polite live region, so a screen reader announces it without moving the focus. Every form shows its
 * outcome through this one helper.
 */
export function Status({ children }: { children?: ReactNode }) {
  const [dismissed, setDismissed] = useState<ReactNode>(null);
  useEffect(() => setDismissed(null), [children]);
  const shown = Boolean(children) && dismissed !== children;
  const toast = useRef<HTMLDivElement>(null);
  useReservedSpaceBelow(toast, shown);
  return (
    <div className={shown ? 'toast-region toast-shown' : 'toast-region'} role="status" aria-live="polite">
      {shown && (
        <div className="toast" ref={toast}>
          <p className="status">{children}</p>
          <button type="button" className="button link toast-dismiss" onClick={() => setDismissed(children)}>
            Dismiss<span className="visually-hidden"> this message</span>
          </button>
        </div>
      )}
    </div>
  );
}

/**
 * A long message wraps to several lines on a phone: the page keeps exactly its height free at the
 * bottom (the CSS reads `--toast-space`), so whatever is scrolled to still rests above it.
 */
function useReservedSpaceBelow(element: RefObject<HTMLElement | null>, shown: boolean) {
  useEffect(() => {
    const node = element.current;
    if (!shown || !node || typeof ResizeObserver === 'undefined') return;
    const root = document.documentElement;
    const reserve = () => root.style.setProperty('--toast-space', `${Math.ceil(node.getBoundingClientRect().height) + 24}px`);
    reserve();
    const observer = new ResizeObserver(reserve);
    observer.observe(node);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--toast-space');
    };
  }, [element, shown]);
}

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p className="loading" role="status">
      {what}…
    </p>
  );
}

/** `retry` is a loader's `reload`, which keeps its own failure (it never rejects). */
export function LoadFailed({ error, retry }: { error: unknown; retry?: () => Promise<void> }) {
  return (
    <div className="error-summary" role="alert">
      <p>{plain(error)}</p>
      {retry && (
        <button type="button" className="button secondary" onClick={() => void retry()}>
          Try again
        </button>
      )}
    </div>
  );
}
