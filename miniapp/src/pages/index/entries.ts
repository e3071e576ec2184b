import { PAGES } from '@qsgj/shared/pages';

/**
 * The home page's six services and three channels, each leading to its page.
 * Each `key` names its icon too (`home__icon--<key>`, drawn by miniapp/scripts/make-home-icons.mjs).
 */
export interface Entry {
  key: string;
  title: string;
  desc: string;
  /** Where it leads. */
  url: string;
}

export const SERVICES: Entry[] = [
  { key: 'services', title: '惠企服务', desc: '法律体检、融资对接等服务包', url: PAGES.servicePackages },
  { key: 'butlers', title: '管家团队', desc: '按部门和专长找管家', url: PAGES.butlers },
  { key: 'policies', title: '涉企政策', desc: '政策查询与为您匹配', url: PAGES.policies },
  { key: 'market', title: '企业商圈', desc: '供需发布与对接', url: PAGES.market },
  { key: 'lectures', title: '潭商讲堂', desc: '讲座培训与企业接待日', url: PAGES.events },
  { key: 'news', title: '营商动态', desc: '营商环境新闻', url: PAGES.news },
];

export const CHANNELS: Entry[] = [
  { key: 'consult', title: '咨询', desc: '向管家提问', url: `${PAGES.caseNew}?type=consult` },
  { key: 'evaluate', title: '评价', desc: '为办理结果打分', url: `${PAGES.myCases}?filter=rate` },
  { key: 'complain', title: '投诉', desc: '反映问题与诉求', url: `${PAGES.caseNew}?type=complaint` },
];

/** 服务公开: the city's figures (received, resolved, satisfaction), for everyone, signed in or not. */
export const PUBLIC_STATS: Entry = {
  key: 'public-stats',
  title: '服务公开',
  desc: '诉求受理、办结和满意度情况',
  url: PAGES.publicStats,
};
