import { useCallback, useEffect, useRef, useState } from 'react';
import type { FaqSuggestionKind, FaqSuggestions } from '@qsgj/shared/contracts';
import { faqApi } from '@/services/faq.api';
import { openPage, PAGES } from '@/utils/routes';
import { textLength } from './case-limits';

/** How long typing must pause before the suggestions are asked for. */
export const SUGGEST_DEBOUNCE_MS = 500;
/** Fewer characters say too little to suggest anything. */
export const SUGGEST_MIN_CHARS = 4;
/** The server reads at most this much (`FAQ_SUGGEST_MAX`); the start of a long question says what it is about. */
export const SUGGEST_TEXT_MAX = 200;

/** A random v4 UUID: the id of this form session, sent with every opened suggestion. */
export function newDraftId(): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join('');
  const variant = '89ab'[Math.floor(Math.random() * 4)];
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
}

export interface FaqSuggestionsState {
  /** What to show (null: nothing yet, or the text is too short). */
  data: FaqSuggestions | null;
  /** Opens a suggestion (an entry or a policy) and records that this form session did. */
  open: (kind: FaqSuggestionKind, id: string) => void;
}

/**
 * 「这些可能已经回答了您的问题」 for the consultation form: `GET /faq/suggestions` once typing has paused for
 * SUGGEST_DEBOUNCE_MS, only for SUGGEST_MIN_CHARS characters or more, and never twice in a row for the same text.
 * A failed request shows nothing (the form works without suggestions). Opening one records
 * `POST /faq/suggestion-opens` with this session's id; whether the consultation was then sent the server reads from
 * the cases themselves.
 */
export function useFaqSuggestions(text: string, enabled: boolean): FaqSuggestionsState {
  const [draftId] = useState(newDraftId);
  const [data, setData] = useState<FaqSuggestions | null>(null);
  const asked = useRef<string | null>(null);
  const generation = useRef(0);
  const q = [...text.trim()].slice(0, SUGGEST_TEXT_MAX).join('');
  const long = enabled && textLength(q) >= SUGGEST_MIN_CHARS;

  useEffect(() => {
    if (!long || q === asked.current) return;
    const timer = setTimeout(() => {
      asked.current = q;
      const gen = ++generation.current;
      faqApi.suggestions(q).then(
        (answer) => {
          if (gen === generation.current) setData(answer && Array.isArray(answer.faq) ? answer : null);
        },
        () => {
          // Asked again when the text changes; nothing shown meanwhile.
          if (gen === generation.current) setData(null);
          asked.current = null;
        },
      );
    }, SUGGEST_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [q, long]);

  const open = useCallback(
    (kind: FaqSuggestionKind, id: string) => {
      void faqApi.recordOpen(draftId, kind, id).catch(() => undefined);
      const page = kind === 'faq' ? PAGES.faqDetail : PAGES.policyDetail;
      void openPage(`${page}?id=${encodeURIComponent(id)}`).catch(() => undefined);
    },
    [draftId],
  );

  return { data: long ? data : null, open };
}
