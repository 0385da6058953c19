import { useState } from 'react';

/**
 * A request a form sends: `busy` while it runs (to disable the buttons), and what refused it kept in
 * `error` for the error summary and the fields. `run` answers whether the work succeeded; `explain`
 * may restate a refusal for the form (say, naming its fields as the form does). A form's own checks can
 * refuse with `setError` before anything is sent.
 */
export function useAction() {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<void>, explain: (refusal: unknown) => unknown = (refusal) => refusal): Promise<boolean> => {
    setError(null);
    setBusy(true);
    try {
      await work();
      return true;
    } catch (e) {
      setError(explain(e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  return { error, setError, busy, run };
}
