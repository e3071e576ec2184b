import { useEffect, useState } from 'react';
import type { DictionaryKind } from '@qsgj/shared/enums';
import { dictionariesApi } from '@/services/policies.api';

/** A dictionary's active values, kept for the app's session (they change rarely; a failed load is asked again). */
const cache = new Map<DictionaryKind, Promise<string[]>>();

export function loadDictionary(kind: DictionaryKind): Promise<string[]> {
  let values = cache.get(kind);
  if (!values) {
    values = dictionariesApi.get(kind).then((d) => d.items.filter((e) => e.active !== false).map((e) => e.value));
    values.catch(() => cache.delete(kind));
    cache.set(kind, values);
  }
  return values;
}

/** For tests: forget what was loaded. */
export function forgetDictionaries(): void {
  cache.clear();
}

export type Dictionaries = Partial<Record<DictionaryKind, string[]>>;

/**
 * The dictionaries a form offers, loaded once `enabled` (after the page's first render: the form shows the values
 * already chosen without them). `error` when one could not be loaded; `retry` asks again.
 */
export function useDictionaries(kinds: readonly DictionaryKind[], enabled: boolean) {
  const [values, setValues] = useState<Dictionaries>({});
  const [error, setError] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  const key = kinds.join(',');

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    setError(undefined);
    Promise.all(kinds.map((k) => loadDictionary(k).then((v) => [k, v] as const))).then(
      (pairs) => live && setValues(Object.fromEntries(pairs) as Dictionaries),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [key, enabled, attempt]);

  return { values, error, retry: () => setAttempt((n) => n + 1) };
}
