/** Previous and next buttons over a list the API answers a page at a time; nothing when one page holds it all. */
export function Pager({
  label,
  offset,
  pageSize,
  total,
  busy,
  onTurn,
}: {
  label: string;
  offset: number;
  pageSize: number;
  total: number;
  busy: boolean;
  onTurn(offset: number): void;
}) {
  if (total <= pageSize) return null;
  return (
    <nav className="actions pager" aria-label={label}>
      <button type="button" className="button secondary" disabled={offset === 0 || busy} onClick={() => onTurn(Math.max(0, offset - pageSize))}>
        Previous {pageSize}
      </button>
      <button type="button" className="button secondary" disabled={offset + pageSize >= total || busy} onClick={() => onTurn(offset + pageSize)}>
        Next {pageSize}
      </button>
    </nav>
  );
}
