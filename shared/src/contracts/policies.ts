import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Transform, Type } from 'class-transformer';
import { type DictionaryKind, EnterpriseScale, type PolicyLevel, type PolicyStatus, type PushStatus } from '../enums';
import {
  DICTIONARY_VALUE_MAX,
  POLICY_ATTACHMENT_NAME_MAX,
  POLICY_ATTACHMENTS_MAX,
  POLICY_BODY_MAX,
  POLICY_DOC_NUMBER_MAX,
  POLICY_INTERPRETATION_MAX,
  POLICY_ISSUER_MAX,
  POLICY_LIST_MAX,
  POLICY_PAGE_MAX,
  POLICY_QUERY_MAX,
  POLICY_SUMMARY_MAX,
  POLICY_TITLE_MAX,
  POLICY_URL_MAX,
  SUBSCRIPTION_LIST_MAX,
} from '../rules/policies/limits';
import type { ProfileField } from '../rules/policies/eligibility';
import { IsPageLimit, type Page, PageQueryDto } from './paging';
import { MaxChars } from './validation';

export * from '../rules/policies/limits';

const queryBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

const LEVEL_VALUES: readonly PolicyLevel[] = ['national', 'provincial', 'city', 'district'];
const SCALE_VALUES: readonly EnterpriseScale[] = Object.values(EnterpriseScale);
const DICTIONARY_KINDS: readonly DictionaryKind[] = ['categories', 'industries', 'districts', 'qualifications'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const HTTPS_URL = /^https?:\/\/[^\s<>"']+$/;

/** A list of dictionary values (行业、区域、类别、资质): each a non-empty text, no repeats. */
function DictionaryValues(name: string, max: number): PropertyDecorator {
  return (target: object, property: string | symbol) => {
    IsArray({ message: `${name}必须是列表` })(target, property);
    ArrayMaxSize(max, { message: `${name}最多 ${max} 项` })(target, property);
    ArrayUnique({ message: `${name}不能重复` })(target, property);
    IsString({ each: true, message: `${name}的每一项必须是文本` })(target, property);
    Matches(/\S/, { each: true, message: `${name}不能有空项` })(target, property);
    MaxChars(DICTIONARY_VALUE_MAX, { each: true, message: `${name}的每一项不能超过 ${DICTIONARY_VALUE_MAX} 个字符` })(
      target,
      property,
    );
  };
}

// ───────────────────────────── dictionaries ─────────────────────────────

/** `:kind` of `/dictionaries/:kind` and `/admin/dictionaries/:kind`. */
export function isDictionaryKind(value: unknown): value is DictionaryKind {
  return typeof value === 'string' && (DICTIONARY_KINDS as readonly string[]).includes(value);
}
export const DICTIONARY_KIND_VALUES = DICTIONARY_KINDS;

export interface DictionaryEntry {
  id: number;
  kind: DictionaryKind;
  /** The text stored wherever the entry is used (a policy's lists, an enterprise's profile). */
  value: string;
  sort: number;
  /** Inactive entries stay on what already uses them but are no longer offered. */
  active: boolean;
}

/** `GET /dictionaries/:kind`: the active entries, in order (admins: `GET /admin/dictionaries/:kind`, every entry). */
export interface DictionaryResponse {
  kind: DictionaryKind;
  items: DictionaryEntry[];
}

export class CreateDictionaryEntryDto {
  @IsNotEmpty({ message: '请输入名称' })
  @IsString({ message: '名称必须是文本' })
  @Matches(/\S/, { message: '名称不能只有空格' })
  @MaxChars(DICTIONARY_VALUE_MAX, { message: `名称不能超过 ${DICTIONARY_VALUE_MAX} 个字符` })
  value!: string;

  @IsOptional()
  @IsInt({ message: '排序必须是整数' })
  @Min(0, { message: '排序不能小于 0' })
  @Max(100000, { message: '排序不能大于 100000' })
  sort?: number;
}

/** Renaming an entry renames it everywhere it is used, in the same transaction. */
export class UpdateDictionaryEntryDto {
  @IsOptional()
  @IsString({ message: '名称必须是文本' })
  @Matches(/\S/, { message: '名称不能只有空格' })
  @MaxChars(DICTIONARY_VALUE_MAX, { message: `名称不能超过 ${DICTIONARY_VALUE_MAX} 个字符` })
  value?: string;

  @IsOptional()
  @IsInt({ message: '排序必须是整数' })
  @Min(0, { message: '排序不能小于 0' })
  @Max(100000, { message: '排序不能大于 100000' })
  sort?: number;

  @ValidateIf((_o: object, v: unknown) => v !== undefined)
  @IsBoolean({ message: '启用状态必须是 true 或 false' })
  active?: boolean;
}

// ───────────────────────────── 一企一档 ─────────────────────────────

/** `GET /me/enterprise/profile` (owner and approved members), `GET /staff/enterprises/:id/profile` (its butler, supervisors, admins). */
export interface EnterpriseProfile {
  enterpriseId: string;
  name: string;
  creditCode: string;
  industry: string | null;
  scale: EnterpriseScale | null;
  district: string | null;
  qualifications: string[];
  /** `YYYY-MM-DD`. */
  foundedOn: string | null;
  /** The fields matching needs that are still empty (a thin profile is told so). */
  gaps: ProfileField[];
  /** Only the owner (or serving staff) may change it. */
  canEdit: boolean;
  updatedAt: string;
}

/** `PUT /me/enterprise/profile` (owner), `PUT /staff/enterprises/:id/profile`: the whole profile; values from the dictionaries. */
export class UpdateEnterpriseProfileDto {
  @ValidateIf((_o: object, v: unknown) => v !== null)
  @IsString({ message: '行业必须是文本' })
  @MaxChars(DICTIONARY_VALUE_MAX, { message: `行业不能超过 ${DICTIONARY_VALUE_MAX} 个字符` })
  industry!: string | null;

  @ValidateIf((_o: object, v: unknown) => v !== null)
  @IsIn(SCALE_VALUES, { message: '企业规模只能是微型、小型、中型或大型' })
  scale!: EnterpriseScale | null;

  @ValidateIf((_o: object, v: unknown) => v !== null)
  @IsString({ message: '区域必须是文本' })
  @MaxChars(DICTIONARY_VALUE_MAX, { message: `区域不能超过 ${DICTIONARY_VALUE_MAX} 个字符` })
  district!: string | null;

  @IsDefined({ message: '请填写企业资质（没有可留空列表）' })
  @DictionaryValues('企业资质', 20)
  qualifications!: string[];

  @ValidateIf((_o: object, v: unknown) => v !== null)
  @Matches(DAY, { message: '成立日期格式应为 YYYY-MM-DD' })
  foundedOn!: string | null;
}

// ───────────────────────────── policies ─────────────────────────────

export class PolicyAttachmentDto {
  @IsNotEmpty({ message: '请输入附件名称' })
  @IsString({ message: '附件名称必须是文本' })
  @MaxChars(POLICY_ATTACHMENT_NAME_MAX, { message: `附件名称不能超过 ${POLICY_ATTACHMENT_NAME_MAX} 个字符` })
  name!: string;

  @IsString({ message: '附件地址必须是文本' })
  @Matches(HTTPS_URL, { message: '附件地址必须以 http:// 或 https:// 开头' })
  @MaxChars(POLICY_URL_MAX, { message: `附件地址不能超过 ${POLICY_URL_MAX} 个字符` })
  url!: string;
}
export type PolicyAttachment = { name: string; url: string };

/** Who a policy is for. An empty list is no restriction. */
export interface PolicyEligibility {
  industries: string[];
  scales: EnterpriseScale[];
  districts: string[];
  qualifications: string[];
}

/** The fields a policy's create and update share, every one optional (the classes below add the rest). */
export class PolicyOptionalFieldsDto {
  @IsOptional()
  @DictionaryValues('适用行业', POLICY_LIST_MAX)
  industries?: string[];

  @IsOptional()
  @IsArray({ message: '适用规模必须是列表' })
  @ArrayUnique({ message: '适用规模不能重复' })
  @IsIn(SCALE_VALUES, { each: true, message: '适用规模只能是微型、小型、中型或大型' })
  scales?: EnterpriseScale[];

  @IsOptional()
  @DictionaryValues('适用区域', POLICY_LIST_MAX)
  districts?: string[];

  @IsOptional()
  @DictionaryValues('资质要求', POLICY_LIST_MAX)
  qualifications?: string[];

  @ValidateIf((_o: object, v: unknown) => v !== undefined && v !== null)
  @Matches(DAY, { message: '生效日期格式应为 YYYY-MM-DD' })
  validFrom?: string | null;

  @ValidateIf((_o: object, v: unknown) => v !== undefined && v !== null)
  @Matches(DAY, { message: '失效日期格式应为 YYYY-MM-DD' })
  validTo?: string | null;

  @IsOptional()
  @IsString({ message: '摘要必须是文本' })
  @MaxChars(POLICY_SUMMARY_MAX, { message: `摘要不能超过 ${POLICY_SUMMARY_MAX} 个字符` })
  summary?: string;

  /** Rich text (HTML); the server keeps only the safe subset. */
  @IsOptional()
  @IsString({ message: '正文必须是文本' })
  @MaxChars(POLICY_BODY_MAX, { message: `正文不能超过 ${POLICY_BODY_MAX} 个字符` })
  body?: string;

  /** 解读, rich text (HTML) like the body. */
  @IsOptional()
  @IsString({ message: '政策解读必须是文本' })
  @MaxChars(POLICY_INTERPRETATION_MAX, { message: `政策解读不能超过 ${POLICY_INTERPRETATION_MAX} 个字符` })
  interpretation?: string;

  @IsOptional()
  @IsArray({ message: '附件必须是列表' })
  @ArrayMaxSize(POLICY_ATTACHMENTS_MAX, { message: `附件最多 ${POLICY_ATTACHMENTS_MAX} 个` })
  @IsObject({ each: true, message: '附件的每一项必须包含名称和地址' })
  @ValidateNested({ each: true, message: '附件格式错误：每一项应包含名称（name）和地址（url）' })
  @Type(() => PolicyAttachmentDto)
  attachments?: PolicyAttachmentDto[];

  @ValidateIf((_o: object, v: unknown) => v !== undefined && v !== null && v !== '')
  @IsString({ message: '原文链接必须是文本' })
  @Matches(HTTPS_URL, { message: '原文链接必须以 http:// 或 https:// 开头' })
  @MaxChars(POLICY_URL_MAX, { message: `原文链接不能超过 ${POLICY_URL_MAX} 个字符` })
  sourceUrl?: string | null;
}

/**
 * A policy as an admin writes it (create) or imports it (one row). Dictionary values (categories,
 * industries, districts, qualifications) are checked against the dictionaries by the server.
 */
export class PolicyInputDto extends PolicyOptionalFieldsDto {
  @IsNotEmpty({ message: '请输入政策标题' })
  @IsString({ message: '政策标题必须是文本' })
  @Matches(/\S/, { message: '政策标题不能只有空格' })
  @MaxChars(POLICY_TITLE_MAX, { message: `政策标题不能超过 ${POLICY_TITLE_MAX} 个字符` })
  title!: string;

  /** 文号, e.g. 潭政办发〔2026〕12号: unique; an import with a known 文号 updates that policy. */
  @IsNotEmpty({ message: '请输入文号' })
  @IsString({ message: '文号必须是文本' })
  @Matches(/\S/, { message: '文号不能只有空格' })
  @MaxChars(POLICY_DOC_NUMBER_MAX, { message: `文号不能超过 ${POLICY_DOC_NUMBER_MAX} 个字符` })
  docNumber!: string;

  @IsNotEmpty({ message: '请输入发文单位' })
  @IsString({ message: '发文单位必须是文本' })
  @Matches(/\S/, { message: '发文单位不能只有空格' })
  @MaxChars(POLICY_ISSUER_MAX, { message: `发文单位不能超过 ${POLICY_ISSUER_MAX} 个字符` })
  issuer!: string;

  @IsIn(LEVEL_VALUES, { message: '政策层级只能是国家级、省级、市级或县区级' })
  level!: PolicyLevel;

  @IsDefined({ message: '请选择政策类别' })
  @DictionaryValues('政策类别', 10)
  categories!: string[];
}

/** `PATCH /admin/policies/:id`: any of the fields; a published policy stays published (and is not pushed again). */
export class UpdatePolicyDto extends PolicyOptionalFieldsDto {
  @IsOptional()
  @IsString({ message: '政策标题必须是文本' })
  @Matches(/\S/, { message: '政策标题不能只有空格' })
  @MaxChars(POLICY_TITLE_MAX, { message: `政策标题不能超过 ${POLICY_TITLE_MAX} 个字符` })
  title?: string;

  @IsOptional()
  @IsString({ message: '文号必须是文本' })
  @Matches(/\S/, { message: '文号不能只有空格' })
  @MaxChars(POLICY_DOC_NUMBER_MAX, { message: `文号不能超过 ${POLICY_DOC_NUMBER_MAX} 个字符` })
  docNumber?: string;

  @IsOptional()
  @IsString({ message: '发文单位必须是文本' })
  @Matches(/\S/, { message: '发文单位不能只有空格' })
  @MaxChars(POLICY_ISSUER_MAX, { message: `发文单位不能超过 ${POLICY_ISSUER_MAX} 个字符` })
  issuer?: string;

  @IsOptional()
  @IsIn(LEVEL_VALUES, { message: '政策层级只能是国家级、省级、市级或县区级' })
  level?: PolicyLevel;

  @IsOptional()
  @DictionaryValues('政策类别', 10)
  categories?: string[];
}

/** A piece of highlighted text: the parts that matched the query have `hit: true`. Rendered as text, never as HTML. */
export interface TextSegment {
  text: string;
  hit: boolean;
}

/** A policy in a list (search results, 为您匹配, favourites). */
export interface PolicyListItem {
  id: string;
  title: string;
  docNumber: string;
  issuer: string;
  level: PolicyLevel;
  categories: string[];
  summary: string;
  validFrom: string | null;
  validTo: string | null;
  publishedAt: string | null;
  /** `published` or `expired` for the public; staff also see `draft` and `withdrawn`. */
  status: PolicyStatus;
  /** With `?q=`: the title and a snippet (summary, body or 解读, wherever the words were found) with the hits marked. */
  highlight?: { title: TextSegment[]; snippet: TextSegment[] };
}

export interface PolicyDetail extends PolicyListItem {
  eligibility: PolicyEligibility;
  /** Sanitised HTML. */
  body: string;
  /** Sanitised HTML (解读); empty when there is none. */
  interpretation: string;
  attachments: PolicyAttachment[];
  sourceUrl: string | null;
  /** Signed-in enterprise users: whether it is in my favourites; otherwise false. */
  favorite: boolean;
  /** For a member of an enterprise with a profile: how the policy fits it; otherwise null. */
  match: PolicyMatch | null;
  createdAt: string;
  updatedAt: string;
}

/** How a policy fits my enterprise. */
export interface PolicyMatch {
  eligible: boolean;
  /** Conditions met, in words (「符合：高新技术企业」). */
  met: string[];
  /** Conditions not met, in words (「尚缺：高新技术企业」). */
  missing: string[];
}

/** `GET /policies`: search and filters. `status` defaults to in force (published, not expired). */
export class PolicyQueryDto extends PageQueryDto {
  @IsPageLimit(POLICY_PAGE_MAX)
  declare limit?: number;

  @IsOptional()
  @IsString({ message: '搜索词必须是文本' })
  @MaxChars(POLICY_QUERY_MAX, { message: `搜索词不能超过 ${POLICY_QUERY_MAX} 个字` })
  q?: string;

  @IsOptional()
  @IsString({ message: '类别必须是文本' })
  @MaxChars(DICTIONARY_VALUE_MAX, { message: '类别不在可选范围内' })
  category?: string;

  @IsOptional()
  @IsIn(LEVEL_VALUES, { message: '政策层级只能是 national、provincial、city 或 district' })
  level?: PolicyLevel;

  @IsOptional()
  @IsString({ message: '行业必须是文本' })
  @MaxChars(DICTIONARY_VALUE_MAX, { message: '行业不在可选范围内' })
  industry?: string;

  @IsOptional()
  @IsString({ message: '区域必须是文本' })
  @MaxChars(DICTIONARY_VALUE_MAX, { message: '区域不在可选范围内' })
  district?: string;

  /** `in_force` (default), `expired`, or `all` (both). */
  @IsOptional()
  @IsIn(['in_force', 'expired', 'all'], { message: '政策状态只能是 in_force、expired 或 all' })
  status?: 'in_force' | 'expired' | 'all';
}

/** `GET /policies/suggestions?q=`: titles and dictionary words that contain what was typed, for the search box. */
export class PolicySuggestQueryDto {
  @IsNotEmpty({ message: '请输入搜索词' })
  @IsString({ message: '搜索词必须是文本' })
  @MaxChars(POLICY_QUERY_MAX, { message: `搜索词不能超过 ${POLICY_QUERY_MAX} 个字` })
  q!: string;
}
export interface PolicySuggestResponse {
  items: string[];
}

export type PolicyPage = Page<PolicyListItem>;

/** `GET /admin/policies`: every policy, newest change first; `status` filters (default all). */
export class AdminPolicyQueryDto extends PageQueryDto {
  @IsPageLimit(POLICY_PAGE_MAX)
  declare limit?: number;

  @IsOptional()
  @IsString({ message: '搜索词必须是文本' })
  @MaxChars(POLICY_QUERY_MAX, { message: `搜索词不能超过 ${POLICY_QUERY_MAX} 个字` })
  q?: string;

  @IsOptional()
  @IsIn(['draft', 'published', 'withdrawn', 'expired', 'all'], {
    message: '政策状态只能是 draft、published、withdrawn、expired 或 all',
  })
  status?: PolicyStatus | 'all';
}

export interface AdminPolicyItem extends PolicyListItem {
  updatedAt: string;
  /** The latest push of this policy, if any. */
  lastPushId: string | null;
}

/** `GET /policies/matched`: my enterprise's policies, best first: eligible ones, then near misses (one condition missing). */
export interface MatchedPoliciesResponse {
  /** Fields matching needs that my profile leaves empty; non-empty → the app asks to complete 一企一档. */
  gaps: ProfileField[];
  /** True when the profile says too little to match on (no industry, scale and district at all). */
  thin: boolean;
  items: Array<{ policy: PolicyListItem; match: PolicyMatch }>;
}

export class MatchedQueryDto {
  @IsPageLimit(POLICY_PAGE_MAX)
  limit?: number;
}

/** `POST /admin/policies/import?createMissing=&publish=`: JSON body `{ rows: [...] }`, or an .xlsx upload (multipart `file`). */
export class PolicyImportQueryDto {
  /** Add dictionary values the rows use that the dictionaries lack, instead of refusing those rows. */
  @Transform(queryBoolean)
  @IsOptional()
  @IsBoolean({ message: 'createMissing 只能是 true 或 false' })
  createMissing?: boolean;

  /** Publish what was imported (and push it, like any publish). */
  @Transform(queryBoolean)
  @IsOptional()
  @IsBoolean({ message: 'publish 只能是 true 或 false' })
  publish?: boolean;
}

/** The JSON import body. Rows are validated one by one (a bad row is reported, the others import). */
export class PolicyImportDto {
  @IsArray({ message: 'rows 必须是列表' })
  @ArrayMaxSize(1000, { message: '一次最多导入 1000 条' })
  rows!: unknown[];
}

export interface PolicyImportReport {
  created: number;
  updated: number;
  /** Rows published by `?publish=true` (each pushes like any publish). */
  published: number;
  /** Dictionary values added by `?createMissing=true`. */
  dictionaryAdded: Array<{ kind: DictionaryKind; value: string }>;
  /** Refused rows (1-based, as in the file: row 1 of an xlsx is the header, so data starts at 2), each with why. */
  refused: Array<{ row: number; docNumber: string | null; errors: Array<{ field: string; message: string }> }>;
  /** Each row's outcome, in input order. */
  rows: Array<{
    row: number;
    docNumber: string | null;
    outcome: 'created' | 'updated' | 'refused';
    policyId: string | null;
  }>;
}

/** `POST /admin/policies/:id/publish` and `/withdraw`. */
export interface PolicyPublishResponse {
  policy: AdminPolicyItem;
  /** The push the publish started; null when it pushed nothing new (a second click, a re-publish to the same users). */
  push: PushProgress | null;
}

/** `GET /admin/policies/:id/audience`: how many would receive it if published now (the confirmation's number). */
export interface PolicyAudienceResponse {
  enterprises: number;
  users: number;
}

/** `GET /admin/pushes/:id`: where a policy push is. */
export interface PushProgress {
  id: string;
  policyId: string;
  policyTitle: string;
  status: PushStatus;
  /** Users the push is for (known once the fan-out has walked every matching user; grows while it runs). */
  targeted: number;
  /** Inbox rows written. */
  inboxWritten: number;
  /** WeChat subscribe messages sent. */
  sent: number;
  /** Not sent by design: the user did not grant the template, or refused at WeChat (43101). */
  skipped: number;
  failed: number;
  /** Messages still queued for WeChat. */
  pending: number;
  createdAt: string;
  finishedAt: string | null;
}

// ───────────────────────────── subscriptions, favourites ─────────────────────────────

/**
 * `GET/PUT /me/subscriptions`: which new policies reach me (a user who never set it has `matchProfile` only).
 * A published policy reaches an enterprise user when
 *  - `matchProfile` and the user's enterprise is eligible for it (`evaluateEligibility`), or
 *  - at least one list is set and every set list fits: `categories` shares a category with the policy;
 *    `industries` shares an industry with it, or the policy names none; `districts` holds a district the
 *    policy covers (`coversEveryDistrict`, or listed).
 */
export class SubscriptionSettingsDto {
  /** Everything that matches my enterprise's profile. */
  @IsDefined({ message: '请选择是否接收匹配本企业的政策' })
  @IsBoolean({ message: '匹配推送开关必须是 true 或 false' })
  matchProfile!: boolean;

  @IsDefined({ message: '请选择订阅的政策类别（可为空列表）' })
  @DictionaryValues('订阅类别', SUBSCRIPTION_LIST_MAX)
  categories!: string[];

  @IsDefined({ message: '请选择订阅的行业（可为空列表）' })
  @DictionaryValues('订阅行业', SUBSCRIPTION_LIST_MAX)
  industries!: string[];

  @IsDefined({ message: '请选择订阅的区域（可为空列表）' })
  @DictionaryValues('订阅区域', SUBSCRIPTION_LIST_MAX)
  districts!: string[];
}
export type SubscriptionSettings = Pick<
  SubscriptionSettingsDto,
  'matchProfile' | 'categories' | 'industries' | 'districts'
>;

export interface FavoriteResponse {
  favorite: boolean;
}
