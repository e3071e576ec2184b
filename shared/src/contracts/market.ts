/** Contracts of 企业商圈: the directory, supply/demand posts and contact requests (issue 12). */
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { PageQueryDto } from './paging';
import { MaxChars } from './validation';
import {
  MARKET_POST_KINDS,
  MARKET_CATEGORIES,
  MARKET_TITLE_MAX,
  MARKET_DESCRIPTION_MAX,
  MARKET_IMAGES_MAX,
  MARKET_VALID_DAYS_MAX,
  MARKET_INTRODUCTION_MAX,
  MARKET_PRODUCTS_MAX,
  MARKET_MESSAGE_MAX,
  MARKET_REASON_MAX,
  MARKET_QUERY_MAX,
  MARKET_FILTER_MAX,
} from '../rules/market';
import type {
  MarketPostKind,
  MarketCategory,
  MarketPostStatus,
  ContactRequestStatus,
  MarketReportStatus,
} from '../rules/market';

export * from '../rules/market';

const KINDS = MARKET_POST_KINDS;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A required text: trimmed, not blank, at most `max` characters. */
function Text(what: string, max: number, missing = `请填写${what}`) {
  return function (target: object, propertyName: string) {
    Transform(trim)(target, propertyName);
    IsString({ message: `${what}必须是文本` })(target, propertyName);
    Matches(/\S/, { message: missing })(target, propertyName);
    MaxChars(max, { message: `${what}不能超过 ${max} 个字` })(target, propertyName);
  };
}

/** An optional filter of a list: text, at most `MARKET_FILTER_MAX` characters. */
function Filter(what: string) {
  return function (target: object, propertyName: string) {
    IsOptional()(target, propertyName);
    IsString({ message: `${what}必须是文本` })(target, propertyName);
    MaxChars(MARKET_FILTER_MAX, { message: `${what}不在可选范围内` })(target, propertyName);
  };
}

function Images() {
  return function (target: object, propertyName: string) {
    IsOptional()(target, propertyName);
    IsArray({ message: '图片必须是列表' })(target, propertyName);
    ArrayMaxSize(MARKET_IMAGES_MAX, { message: `最多上传 ${MARKET_IMAGES_MAX} 张图片` })(target, propertyName);
    ArrayUnique({ message: '图片不能重复' })(target, propertyName);
    IsUUID('all', { each: true, message: '图片编号格式错误' })(target, propertyName);
  };
}

function ValidDays() {
  return function (target: object, propertyName: string) {
    Type(() => Number)(target, propertyName);
    IsInt({ message: '有效天数必须是整数' })(target, propertyName);
    Min(1, { message: '有效期至少 1 天' })(target, propertyName);
    Max(MARKET_VALID_DAYS_MAX, { message: `有效期最长 ${MARKET_VALID_DAYS_MAX} 天` })(target, propertyName);
  };
}

// ── the directory ──

/**
 * `PUT /me/enterprise/listing` (the enterprise's owner): join the directory (`visible: true`) or leave it
 * (`visible: false`: gone from every list at once; the text is kept for a later return).
 */
export class MarketListingDto {
  @Text('企业简介', MARKET_INTRODUCTION_MAX)
  introduction!: string;

  @Text('主营产品与服务', MARKET_PRODUCTS_MAX)
  products!: string;

  /** An uploaded image (`POST /files/images`) as the logo; null or absent: none. */
  @IsOptional()
  @IsUUID('all', { message: '标志图片编号格式错误' })
  logoFileId?: string | null;

  @IsDefined({ message: '请选择是否在企业名录中展示' })
  @IsBoolean({ message: '是否展示必须是布尔值' })
  visible!: boolean;
}

/** The owner's view of their listing (`GET/PUT /me/enterprise/listing`). */
export interface MyMarketListing {
  enterpriseId: string;
  name: string;
  introduction: string;
  products: string;
  district: string | null;
  industry: string | null;
  logoFileId: string | null;
  /** The logo's URL (null: none). */
  logo: string | null;
  visible: boolean;
  /** Null: never listed. */
  updatedAt: string | null;
}

/** An enterprise of the directory: no contact details, ever. */
export interface MarketEnterpriseCard {
  id: string;
  name: string;
  introduction: string;
  products: string;
  district: string | null;
  industry: string | null;
  logo: string | null;
}

export class MarketEnterpriseQueryDto extends PageQueryDto {
  @IsOptional()
  @IsString({ message: '搜索词必须是文本' })
  @MaxChars(MARKET_QUERY_MAX, { message: `搜索词不能超过 ${MARKET_QUERY_MAX} 个字` })
  q?: string;

  @Filter('行业')
  industry?: string;

  @Filter('区域')
  district?: string;
}

// ── posts ──

export class MarketPostQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(KINDS, { message: '类型只能是 supply（供应）或 demand（需求）' })
  kind?: MarketPostKind;

  @Filter('类别')
  category?: string;

  @Filter('行业')
  industry?: string;

  @Filter('区域')
  district?: string;

  @IsOptional()
  @IsString({ message: '搜索词必须是文本' })
  @MaxChars(MARKET_QUERY_MAX, { message: `搜索词不能超过 ${MARKET_QUERY_MAX} 个字` })
  q?: string;
}

/** `POST /market/posts` (header `Idempotency-Key`): an approved member of an enterprise publishes. */
export class CreateMarketPostDto {
  @IsIn(KINDS, { message: '请选择供应或需求' })
  kind!: MarketPostKind;

  @IsIn(MARKET_CATEGORIES, { message: '请从列表中选择类别' })
  category!: MarketCategory;

  /** A value of the 行业 dictionary; absent: any. */
  @IsOptional()
  @IsString({ message: '行业必须是文本' })
  @MaxChars(MARKET_FILTER_MAX, { message: '行业不在可选范围内' })
  industry?: string | null;

  /** A value of the 区域 dictionary. */
  @IsString({ message: '请选择区域' })
  @MaxChars(MARKET_FILTER_MAX, { message: '区域不在可选范围内' })
  district!: string;

  @Text('标题', MARKET_TITLE_MAX)
  title!: string;

  @Text('详细描述', MARKET_DESCRIPTION_MAX)
  description!: string;

  @Images()
  images?: string[];

  /** Shown for this many days (1–90, default 30). */
  @IsOptional()
  @ValidDays()
  validDays?: number;
}

/** `PATCH /market/posts/:id`: what is sent changes (the text is checked again); `images` replaces the set. */
export class UpdateMarketPostDto {
  @IsOptional()
  @IsIn(KINDS, { message: '请选择供应或需求' })
  kind?: MarketPostKind;

  @IsOptional()
  @IsIn(MARKET_CATEGORIES, { message: '请从列表中选择类别' })
  category?: MarketCategory;

  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString({ message: '行业必须是文本' })
  @MaxChars(MARKET_FILTER_MAX, { message: '行业不在可选范围内' })
  industry?: string | null;

  @IsOptional()
  @IsString({ message: '请选择区域' })
  @MaxChars(MARKET_FILTER_MAX, { message: '区域不在可选范围内' })
  district?: string;

  @IsOptional()
  @Text('标题', MARKET_TITLE_MAX)
  title?: string;

  @IsOptional()
  @Text('详细描述', MARKET_DESCRIPTION_MAX)
  description?: string;

  @Images()
  images?: string[];
}

/** `POST /market/posts/:id/renew`: shown again for this many days from now. */
export class RenewMarketPostDto {
  @IsDefined({ message: '请选择有效天数' })
  @ValidDays()
  validDays!: number;
}

/** A post on the board: what everyone may read. No contact details, ever. */
export interface MarketPostCard {
  id: string;
  kind: MarketPostKind;
  category: string;
  industry: string | null;
  district: string;
  title: string;
  /** The description's first characters. */
  excerpt: string;
  enterprise: { id: string; name: string };
  /** The first image's URL (null: none). */
  cover: string | null;
  status: MarketPostStatus;
  createdAt: string;
  expiresAt: string;
}

export interface MarketImage {
  id: string;
  url: string;
  width?: number;
  height?: number;
}

export interface MarketPostDetail extends MarketPostCard {
  description: string;
  images: MarketImage[];
  /** The caller may edit, close and renew it (its author, or its enterprise's owner). */
  canManage: boolean;
  /** Why staff took it down: its owners and staff only. */
  takedownReason: string | null;
  /** The caller's enterprise's open or accepted request on it, if any. */
  myRequest: { id: string; status: ContactRequestStatus } | null;
}

/** A suggested match of a post: another post of the other kind, or a directory enterprise; best first. */
export type MarketMatch =
  | { type: 'post'; post: MarketPostCard; why: string[]; score: number }
  | { type: 'enterprise'; enterprise: MarketEnterpriseCard; why: string[]; score: number };

export interface MarketMatchesResponse {
  items: MarketMatch[];
}

// ── reports and staff ──

export class MarketReportDto {
  @Text('举报理由', MARKET_REASON_MAX)
  reason!: string;
}

export class MarketTakedownDto {
  @Text('下架理由', MARKET_REASON_MAX)
  reason!: string;
}

export class MarketReportDecisionDto {
  @IsDefined({ message: '请选择是否下架' })
  @IsBoolean({ message: '是否下架必须是布尔值' })
  takeDown!: boolean;

  @Text('处理意见', MARKET_REASON_MAX)
  note!: string;
}

export class MarketReportQueryDto extends PageQueryDto {
  /** `open` (default), `decided`, `all`. */
  @IsOptional()
  @IsIn(['open', 'decided', 'all'], { message: '状态只能是 open、decided 或 all' })
  status?: 'open' | 'decided' | 'all';
}

/** `POST /market/posts/:id/reports`: the report as its reporter sees it. */
export interface MarketReportReceipt {
  id: string;
  status: MarketReportStatus;
  createdAt: string;
}

/** A report in the staff queue. `source`: a user's 举报, or the content check holding the post for a person. */
export interface MarketReportItem {
  id: string;
  source: 'user' | 'content_check';
  reason: string;
  status: MarketReportStatus;
  note: string | null;
  createdAt: string;
  decidedAt: string | null;
  post: MarketPostCard & { description: string };
}

// ── 对接 ──

/** `POST /market/posts/:id/contact-requests`. */
export class CreateContactRequestDto {
  @Text('留言', MARKET_MESSAGE_MAX, '请写下您想对接的内容')
  message!: string;
}

export class ContactRequestQueryDto extends PageQueryDto {
  /** `incoming`: on my enterprise's posts (default); `outgoing`: the ones I sent. */
  @IsOptional()
  @IsIn(['incoming', 'outgoing'], { message: '方向只能是 incoming 或 outgoing' })
  direction?: 'incoming' | 'outgoing';
}

/** The other side's contact, revealed to each side only once the request is accepted. */
export interface MarketContact {
  enterpriseName: string;
  contactName: string | null;
  phone: string | null;
}

export interface ContactRequestView {
  id: string;
  /** Seen from the caller: a request on my enterprise's post, or one I sent. */
  direction: 'incoming' | 'outgoing';
  status: ContactRequestStatus;
  post: { id: string; kind: MarketPostKind; title: string };
  requesterEnterprise: { id: string; name: string };
  ownerEnterprise: { id: string; name: string };
  /** The requester's message; mobile numbers in it are masked until the request is accepted. */
  message: string;
  createdAt: string;
  decidedAt: string | null;
  /** The other side's contact: null until accepted (and after a decline). */
  counterpart: MarketContact | null;
}
