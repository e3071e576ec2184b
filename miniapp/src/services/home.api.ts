import type { HomeFeed } from '@qsgj/shared/contracts';
import { http } from '@/services/http';

/** 首页动态 (issue 11): the home page's feed in one request (public, with my enterprise's part when bound). */
export const homeApi = {
  feed: () => http.get<HomeFeed>('/home'),
};
