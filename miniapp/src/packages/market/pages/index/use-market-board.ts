import { useState } from 'react';
import type { MarketEnterpriseCard, MarketPostCard, MarketPostKind } from '@qsgj/shared/contracts';
import { usePagedList } from '@/hooks/use-paged-list';
import { marketApi } from '@/services/market.api';
import { useDictionary } from '@/packages/market/components/dictionary';
import { usePublishGate } from '@/packages/market/components/use-publish-gate';

export type BoardTab = 'posts' | 'enterprises';

export interface PostFilters {
  kind: MarketPostKind | '';
  category: string;
  district: string;
  q: string;
}

export interface EnterpriseFilters {
  district: string;
  industry: string;
  q: string;
}

const NO_POST_FILTERS: PostFilters = { kind: '', category: '', district: '', q: '' };
const NO_ENTERPRISE_FILTERS: EnterpriseFilters = { district: '', industry: '', q: '' };

/** A query without its empty filters. */
function compact<T extends object>(filters: T): Partial<T> {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== '')) as Partial<T>;
}

/**
 * 商圈: 供需 (the board under its filters and search) and 企业名录 (the directory, loaded when its tab opens).
 * On a cold open one request, the board's first page; 区域 with the filter panel or the directory, 行业 with the
 * directory.
 */
export function useMarketBoard() {
  const [tab, setTab] = useState<BoardTab>('posts');
  const [posts, setPosts] = useState<PostFilters>(NO_POST_FILTERS);
  const [postText, setPostText] = useState('');
  const [enterprises, setEnterprises] = useState<EnterpriseFilters>(NO_ENTERPRISE_FILTERS);
  const [enterpriseText, setEnterpriseText] = useState('');
  const [panelOpen, setPanelOpen] = useState(false);
  const [directoryOpened, setDirectoryOpened] = useState(false);

  const board = usePagedList<MarketPostCard>(
    (cursor) => marketApi.posts({ ...compact(posts), kind: posts.kind || undefined, cursor: cursor ?? undefined }),
    [posts.kind, posts.category, posts.district, posts.q],
    { key: (p) => p.id, enabled: tab === 'posts' },
  );
  const directory = usePagedList<MarketEnterpriseCard>(
    (cursor) => marketApi.enterprises({ ...compact(enterprises), cursor: cursor ?? undefined }),
    [enterprises.district, enterprises.industry, enterprises.q],
    { key: (e) => e.id, enabled: tab === 'enterprises' },
  );
  // The filters' dictionaries only once they are shown: a cold open makes the board's request alone.
  const districts = useDictionary('districts', panelOpen || directoryOpened);
  const industries = useDictionary('industries', directoryOpened);
  const gate = usePublishGate();

  return {
    tab,
    setTab: (next: BoardTab) => {
      setTab(next);
      if (next === 'enterprises') setDirectoryOpened(true);
    },
    board,
    directory,
    districts,
    industries,
    gate,
    posts,
    postText,
    setPostText,
    setPostFilter: <K extends keyof PostFilters>(field: K, value: PostFilters[K]) =>
      setPosts((f) => ({ ...f, [field]: value })),
    searchPosts: (text = postText) => {
      setPostText(text);
      setPosts((f) => ({ ...f, q: text.trim() }));
    },
    resetPosts: () => {
      setPostText('');
      setPosts(NO_POST_FILTERS);
    },
    postFiltersOn: (posts.category ? 1 : 0) + (posts.district ? 1 : 0),
    panelOpen,
    togglePanel: () => setPanelOpen((o) => !o),
    enterprises,
    enterpriseText,
    setEnterpriseText,
    setEnterpriseFilter: (field: 'district' | 'industry', value: string) =>
      setEnterprises((f) => ({ ...f, [field]: value })),
    searchEnterprises: (text = enterpriseText) => {
      setEnterpriseText(text);
      setEnterprises((f) => ({ ...f, q: text.trim() }));
    },
    resetEnterprises: () => {
      setEnterpriseText('');
      setEnterprises(NO_ENTERPRISE_FILTERS);
    },
  };
}

export type MarketBoard = ReturnType<typeof useMarketBoard>;
