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
export function forgetMarketDictionaries(): void {
  cache.clear();
}

export interface Dictionary {
  values: string[] | undefined;
  error: string | undefined;
  retry: () => void;
}

/** One dictionary (`GET /dictionaries/:kind`), loaded while `enabled`. */
export function useDictionary(kind: DictionaryKind, enabled = true): Dictionary {
  const [values, setValues] = useState<string[]>();
  const [error, setError] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!enabled) return undefined;
    let live = true;
    setError(undefined);
    loadDictionary(kind).then(
      (v) => live && setValues(v),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [kind, enabled, attempt]);
  return { values, error, retry: () => setAttempt((n) => n + 1) };
}
