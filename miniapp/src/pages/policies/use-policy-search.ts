import { useEffect, useState } from 'react';
import type { DictionaryEntry, MatchedPoliciesResponse, PolicyListItem } from '@qsgj/shared/contracts';
import { DictionaryKind, type PolicyLevel } from '@qsgj/shared/enums';
import { usePagedList } from '@/hooks/use-paged-list';
import { useRequest } from '@/hooks/use-request';
import { useStore } from '@/hooks/use-store';
import { ApiError } from '@/services/http';
import { dictionariesApi, policiesApi } from '@/services/policies.api';
import { isStaff, sessionStore } from '@/stores/session';
import { clearHistory, loadHistory, rememberQuery } from './history';

/** Rows per page of the results. */
export const PAGE_SIZE = 20;
/** Quiet time after the last keystroke before suggestions are asked for. */
export const SUGGEST_DEBOUNCE_MS = 300;
/** Suggestions shown under the box. */
export const SUGGESTIONS_SHOWN = 8;
/** 为您匹配: asked for at once; the first MATCHED_PREVIEW show until 查看全部. */
export const MATCHED_LIMIT = 20;
export const MATCHED_PREVIEW = 3;

export interface PolicyFilters {
  category: string | null;
  level: PolicyLevel | null;
  district: string | null;
  /** 含已过期: `status=all` instead of the default (in force only). */
  includeExpired: boolean;
}

export const NO_FILTERS: PolicyFilters = { category: null, level: null, district: null, includeExpired: false };

/** The `GET /policies` query of a search. */
export function searchQuery(q: string, f: PolicyFilters, cursor: string | null) {
  return {
    q: q || undefined,
    category: f.category ?? undefined,
    level: f.level ?? undefined,
    district: f.district ?? undefined,
    status: f.includeExpired ? ('all' as const) : undefined,
    cursor: cursor ?? undefined,
    limit: PAGE_SIZE,
  };
}

/** 为您匹配 is not for this user (no approved enterprise, or not an enterprise user): the section stays away. */
function notForMe(error: Error | null): boolean {
  return error instanceof ApiError && [401, 403, 404, 409].includes(error.statusCode);
}

/**
 * 政策 tab: the search (box, suggestions while typing, the device's last searches), the filters, the
 * results page by page, and — for a signed-in enterprise user — 为您匹配, asked for once the first results
 * are on screen (the page's first render waits for one request only), again whenever the tab is shown
 * (back from 一企一档).
 */
export function usePolicySearch() {
  const session = useStore(sessionStore);
  const enterprise = !!session && !isStaff(session);

  const [text, setTextValue] = useState('');
  /** The text changed since the last search: suggestions are wanted. */
  const [typing, setTyping] = useState(false);
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<PolicyFilters>(NO_FILTERS);
  const [history, setHistory] = useState<string[]>(loadHistory);
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [dictionariesWanted, setDictionariesWanted] = useState(false);

  const list = usePagedList<PolicyListItem>(
    (cursor) => policiesApi.search(searchQuery(query, filters, cursor)),
    [query, filters],
    { key: (p) => p.id },
  );

  // Suggestions: SUGGEST_DEBOUNCE_MS after the last keystroke; an answer to older text is dropped.
  useEffect(() => {
    const q = text.trim();
    if (!typing || !q) {
      setSuggestions([]);
      return undefined;
    }
    let live = true;
    const timer = setTimeout(() => {
      policiesApi.suggestions(q).then(
        (r) => live && setSuggestions(Array.isArray(r?.items) ? r.items.slice(0, SUGGESTIONS_SHOWN) : []),
        () => live && setSuggestions([]),
      );
    }, SUGGEST_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, typing]);

  const setText = (value: string) => {
    setTextValue(value);
    setTyping(true);
  };

  /** Searches for `value` (default: what is in the box); an empty box lists everything again. */
  const search = (value: string = text) => {
    const q = value.trim();
    setTextValue(q);
    setTyping(false);
    setSuggestions([]);
    setQuery(q);
    if (q) setHistory(rememberQuery(history, q));
  };

  const clearText = () => {
    setTextValue('');
    setTyping(false);
    setSuggestions([]);
    if (query) setQuery('');
  };

  // ---- filters: the dictionaries load the first time the panel opens.
  const toggleFilters = () => {
    setFiltersOpen((open) => !open);
    setDictionariesWanted(true);
  };
  const dictionaries = useRequest(
    async () => {
      const [categories, districts] = await Promise.all([
        dictionariesApi.get(DictionaryKind.CATEGORIES),
        dictionariesApi.get(DictionaryKind.DISTRICTS),
      ]);
      return { categories: values(categories?.items), districts: values(districts?.items) };
    },
    [],
    { enabled: dictionariesWanted },
  );
  const setFilter = <K extends keyof PolicyFilters>(key: K, value: PolicyFilters[K]) =>
    setFilters((f) => ({ ...f, [key]: value }));
  const activeFilters = [filters.category, filters.level, filters.district, filters.includeExpired || null].filter(
    (v) => v !== null,
  ).length;

  // ---- 为您匹配: after the first results have arrived.
  const [firstShown, setFirstShown] = useState(false);
  useEffect(() => {
    if (!list.loading) setFirstShown(true);
  }, [list.loading]);
  const matchedRequest = useRequest<MatchedPoliciesResponse>(
    () => policiesApi.matched(MATCHED_LIMIT),
    [session?.user.id],
    {
      enabled: enterprise && firstShown,
      refreshOnShow: true,
    },
  );
  const [matchedExpanded, setMatchedExpanded] = useState(false);
  const matched =
    enterprise && !notForMe(matchedRequest.error)
      ? {
          data: matchedRequest.data,
          error: matchedRequest.error,
          reload: matchedRequest.reload,
          expanded: matchedExpanded,
          expand: () => setMatchedExpanded(true),
        }
      : null;

  return {
    text,
    setText,
    query,
    search,
    clearText,
    suggestions,
    history: typing || text ? [] : history,
    clearHistory: () => setHistory(clearHistory()),
    filters,
    setFilter,
    resetFilters: () => setFilters(NO_FILTERS),
    activeFilters,
    filtersOpen,
    toggleFilters,
    dictionaries,
    list,
    matched,
  };
}

function values(items: DictionaryEntry[] | undefined): string[] {
  return Array.isArray(items) ? items.filter((e) => e.active !== false).map((e) => e.value) : [];
}
