import { useCallback, useRef, useState } from 'react';

/**
 * A user action that talks to the server (submit, approve, export …): `busy` while it runs (and a
 * second tap is ignored), `error` with the server's Chinese message when it fails.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const running = useRef(false);

  const run = useCallback(
    async <T>(action: () => Promise<T>, onError?: (e: Error) => string | undefined): Promise<T | undefined> => {
      if (running.current) return undefined;
      running.current = true;
      setBusy(true);
      setError(undefined);
      try {
        return await action();
      } catch (e) {
        const err = e as Error;
        setError(onError ? onError(err) : err.message);
        return undefined;
      } finally {
        running.current = false;
        setBusy(false);
      }
    },
    [],
  );

  return { run, busy, error, setError };
}
