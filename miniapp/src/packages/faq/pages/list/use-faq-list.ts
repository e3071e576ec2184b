import { useMemo, useState } from 'react';
import type { FaqListItem, FaqQueryDto } from '@qsgj/shared/contracts';
import { usePagedList } from '@/hooks/use-paged-list';
import { useRequest } from '@/hooks/use-request';
import { faqApi } from '@/services/faq.api';
import { dictionariesApi } from '@/services/policies.api';

/** The search box's limit (`FAQ_QUERY_MAX`). */
export const FAQ_QUERY_MAX = 100;

/**
 * 常见问题: published entries (`GET /faq`), newest first, searched by words (two characters inside a word are found,
 * as in policies) and filtered by a 政策类别 chip. One request before the page shows (the first page); then the chips.
 */
export function useFaqList() {
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [category, setCategory] = useState<string | null>(null);
  const query = useMemo<FaqQueryDto>(() => ({ q: q || undefined, category: category ?? undefined }), [q, category]);
  const list = usePagedList<FaqListItem>((cursor) => faqApi.list({ ...query, cursor: cursor ?? undefined }), [query], {
    key: (f) => f.id,
  });
  // The chips once the first page has answered: the entries are what the page is for.
  const [listed, setListed] = useState(false);
  if (!listed && !list.loading) setListed(true);
  const categories = useRequest(() => dictionariesApi.get('categories'), [], { enabled: listed });
  return {
    text,
    setText,
    q,
    search: (value?: string) => setQ((value ?? text).trim()),
    clear: () => {
      setText('');
      setQ('');
    },
    category,
    setCategory: (value: string | null) => setCategory((current) => (current === value ? null : value)),
    categories: (categories.data?.items ?? []).map((e) => e.value),
    list,
  };
}
