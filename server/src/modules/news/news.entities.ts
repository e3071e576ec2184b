import { NewsArticleEntity } from './news-article.entity';

/** The entities of 营商动态 (/news, /admin/news), listed in ENTITIES (database/entities.ts). */
export const NEWS_ENTITIES = [NewsArticleEntity];
