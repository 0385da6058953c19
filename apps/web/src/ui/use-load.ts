import { DependencyList, useCallback, useEffect, useState } from 'react';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): Promise<void>;
  /** Replace the data with what a write answered, without asking the API again. */
  set(data: T): void;
}

/** Loads once per change of `deps`; an answer that arrives after the screen moved on is dropped. */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  // `load` is a new function on every render; `deps` say when it loads something else.
  const run = useCallback(load, deps);

  const reload = useCallback(async () => {
    try {
      const data = await run();
      setState({ data, loading: false });
    } catch (error) {
      setState((s) => ({ data: s.data, error, loading: false }));
    }
  }, [run]);

  useEffect(() => {
    let current = true;
    setState((s) => ({ data: s.data, loading: true }));
    run().then(
      (data) => current && setState({ data, loading: false }),
      (error) => current && setState({ error, loading: false }),
    );
    return () => {
      current = false;
    };
  }, [run]);

  const set = useCallback((data: T) => setState({ data, loading: false }), []);
  return { data: state.data, error: state.error, loading: state.loading, reload, set };
}
