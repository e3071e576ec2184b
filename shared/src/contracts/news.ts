import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, ValidateIf } from 'class-validator';
import { NEWS_BODY_MAX, NEWS_PAGE_MAX, NEWS_SOURCE_MAX, NEWS_SUMMARY_MAX, NEWS_TITLE_MAX } from '../rules/news';
import { IsPageLimit, PageQueryDto } from './paging';
import { IsIsoDateOrDateTime, MaxChars } from './validation';

export * from '../rules/news';

/** Contracts of 营商动态 news articles (issue 11). */

/** An article's stored status; a `published` one whose publish time is still ahead is 定时发布 (scheduled). */
export type NewsStatus = 'draft' | 'published' | 'withdrawn';

/**
 * An article as lists and the home feed show it. Published articles only (status published, publish time
 * reached); pinned ones first, then the newest.
 */
export interface NewsCard {
  id: string;
  title: string;
  summary: string;
  /** The cover image's URL (null: none). */
  cover: string | null;
  source: string | null;
  /** ISO time it was (or is scheduled to be) published. */
  publishedAt: string;
  pinned: boolean;
  viewCount: number;
}

/** What staff see of an article's state: a `published` one whose publish time is ahead reads `scheduled`. */
export type NewsState = 'draft' | 'scheduled' | 'published' | 'withdrawn';

/** `GET /news/:id`: the card and the body. Staff may open any article; `state` tells them what it is. */
export interface NewsDetail extends NewsCard {
  /** Sanitised HTML. */
  body: string;
  state: NewsState;
}

/** An article in the workbench list (any status). */
export interface AdminNewsItem {
  id: string;
  title: string;
  summary: string;
  cover: string | null;
  source: string | null;
  status: NewsStatus;
  state: NewsState;
  /** When it was or will be public; null for a draft never published. */
  publishedAt: string | null;
  pinned: boolean;
  viewCount: number;
  createdAt: string;
  updatedAt: string;
}

/** `GET /admin/news/:id` and the answer of every admin write: the item, its body and its cover's file id. */
export interface AdminNewsDetail extends AdminNewsItem {
  body: string;
  /** The uploaded cover (`POST /files/images`), to keep or replace it when editing. */
  coverFileId: string | null;
}

/** `GET /news`: published articles, pinned first then newest. */
export class NewsQueryDto extends PageQueryDto {
  @IsPageLimit(NEWS_PAGE_MAX)
  declare limit?: number;
}

export const NEWS_STATUS_VALUES: readonly NewsStatus[] = ['draft', 'published', 'withdrawn'];

/** `GET /admin/news`: every article, the latest change first; `status` filters by stored status. */
export class AdminNewsQueryDto extends PageQueryDto {
  @IsPageLimit(NEWS_PAGE_MAX)
  declare limit?: number;

  @IsOptional()
  @IsIn([...NEWS_STATUS_VALUES, 'all'], { message: '状态只能是 draft、published、withdrawn 或 all' })
  status?: NewsStatus | 'all';
}

/** The fields create and update share, every one optional. */
export class NewsOptionalFieldsDto {
  @IsOptional()
  @IsString({ message: '摘要必须是文本' })
  @MaxChars(NEWS_SUMMARY_MAX, { message: `摘要不能超过 ${NEWS_SUMMARY_MAX} 个字符` })
  summary?: string;

  /** HTML; sanitised before it is stored. */
  @IsOptional()
  @IsString({ message: '正文必须是文本' })
  @MaxChars(NEWS_BODY_MAX, { message: `正文不能超过 ${NEWS_BODY_MAX} 个字符` })
  body?: string;

  @ValidateIf((_o: object, v: unknown) => v !== undefined && v !== null)
  @IsString({ message: '来源必须是文本' })
  @MaxChars(NEWS_SOURCE_MAX, { message: `来源不能超过 ${NEWS_SOURCE_MAX} 个字符` })
  source?: string | null;

  /** The id `POST /files/images` answered; null removes the cover. */
  @ValidateIf((_o: object, v: unknown) => v !== undefined && v !== null)
  @IsUUID('all', { message: '封面图片编号格式错误' })
  coverFileId?: string | null;

  @IsOptional()
  @IsBoolean({ message: '置顶必须是 true 或 false' })
  pinned?: boolean;
}

/** `POST /admin/news`: a draft. */
export class NewsInputDto extends NewsOptionalFieldsDto {
  @IsNotEmpty({ message: '请输入标题' })
  @IsString({ message: '标题必须是文本' })
  @Matches(/\S/, { message: '标题不能只有空格' })
  @MaxChars(NEWS_TITLE_MAX, { message: `标题不能超过 ${NEWS_TITLE_MAX} 个字符` })
  title!: string;
}

/** `PATCH /admin/news/:id`: any of the fields; the status does not change. */
export class UpdateNewsDto extends NewsOptionalFieldsDto {
  @IsOptional()
  @IsString({ message: '标题必须是文本' })
  @Matches(/\S/, { message: '标题不能只有空格' })
  @MaxChars(NEWS_TITLE_MAX, { message: `标题不能超过 ${NEWS_TITLE_MAX} 个字符` })
  title?: string;
}

/** `POST /admin/news/:id/publish`: now, or at `publishAt` (定时发布: public from then on). */
export class PublishNewsDto {
  @IsOptional()
  @IsIsoDateOrDateTime({ message: '发布时间格式应为带时区的 ISO 时间，如 2026-12-01T09:00:00+08:00' })
  @Matches(/T/, { message: '发布时间须包含时刻，如 2026-12-01T09:00:00+08:00' })
  publishAt?: string;
}
