import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  registerDecorator,
} from 'class-validator';
import { DICTIONARY_VALUE_MAX } from '../rules/policies/limits';
import { isCalendarDay } from '../rules/cases/working-days';
import { textLength } from '../rules/text';
import { IsPageLimit, PageQueryDto } from './paging';
import type { PolicyListItem, TextSegment } from './policies';
import { MaxChars } from './validation';

/** Contracts of 常见问题 entries and the consultation form's suggestions (issue 11). */

export const FAQ_QUESTION_MAX = 200;
export const FAQ_ANSWER_MAX = 5000;
export const FAQ_CATEGORIES_MAX = 5;
export const FAQ_POLICIES_MAX = 5;
export const FAQ_QUERY_MAX = 100;
export const FAQ_PAGE_MAX = 50;
/** The suggestions' text: at least 2 characters (a shorter word matches everything), at most 200. */
export const FAQ_SUGGEST_MIN = 2;
export const FAQ_SUGGEST_MAX = 200;
/** Suggestions of each kind. */
export const FAQ_SUGGEST_EACH = 3;
/** A draft whose consultation is sent this long after its first opened suggestion was not deflected. */
export const FAQ_DEFLECTION_WINDOW_HOURS = 24;
/** The longest period the deflection figure is counted over. */
export const FAQ_DEFLECTION_MAX_DAYS = 366;

/** A stored entry: a draft (written, not yet reviewed), published (reviewed, public), or withdrawn. */
export type FaqStatus = 'draft' | 'published' | 'withdrawn';
export const FAQ_STATUS_VALUES: readonly FaqStatus[] = ['draft', 'published', 'withdrawn'];
export const FAQ_STATUS_LABEL: Record<FaqStatus, string> = {
  draft: '待审核',
  published: '已发布',
  withdrawn: '已撤回',
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function IsDay(message: string): PropertyDecorator {
  return (target: object, property: string | symbol) =>
    registerDecorator({
      name: 'isCalendarDay',
      target: target.constructor,
      propertyName: property as string,
      options: { message },
      validator: { validate: (v: unknown) => (typeof v === 'string' && !DAY.test(v)) || isCalendarDay(v) },
    });
}

/** At least `min` characters that are not white space. */
function MinChars(min: number, message: string): PropertyDecorator {
  return (target: object, property: string | symbol) =>
    registerDecorator({
      name: 'minChars',
      target: target.constructor,
      propertyName: property as string,
      options: { message },
      // An empty text is `IsNotEmpty`'s to refuse (one message per problem).
      validator: { validate: (v: unknown) => typeof v !== 'string' || v === '' || textLength(v.trim()) >= min },
    });
}

function Categories(): PropertyDecorator {
  return (target: object, property: string | symbol) => {
    IsArray({ message: '问题类别必须是列表' })(target, property);
    ArrayMaxSize(FAQ_CATEGORIES_MAX, { message: `问题类别最多 ${FAQ_CATEGORIES_MAX} 项` })(target, property);
    ArrayUnique({ message: '问题类别不能重复' })(target, property);
    IsString({ each: true, message: '问题类别的每一项必须是文本' })(target, property);
    Matches(/\S/, { each: true, message: '问题类别不能有空项' })(target, property);
    MaxChars(DICTIONARY_VALUE_MAX, {
      each: true,
      message: `问题类别的每一项不能超过 ${DICTIONARY_VALUE_MAX} 个字符`,
    })(target, property);
  };
}

function PolicyIds(): PropertyDecorator {
  return (target: object, property: string | symbol) => {
    IsArray({ message: '关联政策必须是列表' })(target, property);
    ArrayMaxSize(FAQ_POLICIES_MAX, { message: `关联政策最多 ${FAQ_POLICIES_MAX} 条` })(target, property);
    ArrayUnique({ message: '关联政策不能重复' })(target, property);
    IsUUID('all', { each: true, message: '关联政策编号格式错误' })(target, property);
  };
}

/**
 * `POST /staff/faq`: a draft, written by staff without the enterprise's identity (the server refuses text that
 * holds the source case's enterprise name or credit code, or a phone number). `caseId`: the resolved consultation
 * it comes from (one entry per consultation).
 */
export class FaqInputDto {
  @IsOptional()
  @IsUUID('all', { message: '咨询编号格式错误' })
  caseId?: string;

  @IsNotEmpty({ message: '请输入问题' })
  @IsString({ message: '问题必须是文本' })
  @MinChars(4, '问题至少 4 个字')
  @MaxChars(FAQ_QUESTION_MAX, { message: `问题不能超过 ${FAQ_QUESTION_MAX} 个字` })
  question!: string;

  @IsNotEmpty({ message: '请输入解答' })
  @IsString({ message: '解答必须是文本' })
  @MinChars(10, '解答至少 10 个字')
  @MaxChars(FAQ_ANSWER_MAX, { message: `解答不能超过 ${FAQ_ANSWER_MAX} 个字` })
  answer!: string;

  @IsDefined({ message: '请选择问题类别' })
  @Categories()
  categories!: string[];

  @IsOptional()
  @PolicyIds()
  policyIds?: string[];
}

/** `PATCH /staff/faq/:id`: any of the fields. A published entry goes back to review (draft) when its text changes. */
export class UpdateFaqDto {
  @IsOptional()
  @IsString({ message: '问题必须是文本' })
  @MinChars(4, '问题至少 4 个字')
  @MaxChars(FAQ_QUESTION_MAX, { message: `问题不能超过 ${FAQ_QUESTION_MAX} 个字` })
  question?: string;

  @IsOptional()
  @IsString({ message: '解答必须是文本' })
  @MinChars(10, '解答至少 10 个字')
  @MaxChars(FAQ_ANSWER_MAX, { message: `解答不能超过 ${FAQ_ANSWER_MAX} 个字` })
  answer?: string;

  @IsOptional()
  @Categories()
  categories?: string[];

  @IsOptional()
  @PolicyIds()
  policyIds?: string[];
}

/** `GET /faq`: published entries, searched (every word in the question or answer) and filtered by category. */
export class FaqQueryDto extends PageQueryDto {
  @IsPageLimit(FAQ_PAGE_MAX)
  declare limit?: number;

  @IsOptional()
  @IsString({ message: '搜索词必须是文本' })
  @MaxChars(FAQ_QUERY_MAX, { message: `搜索词不能超过 ${FAQ_QUERY_MAX} 个字` })
  q?: string;

  @IsOptional()
  @IsString({ message: '类别必须是文本' })
  @MaxChars(DICTIONARY_VALUE_MAX, { message: '类别不在可选范围内' })
  category?: string;
}

/** `GET /staff/faq?status=`: every entry (default), or those of one status; the latest change first. */
export class StaffFaqQueryDto extends PageQueryDto {
  @IsPageLimit(FAQ_PAGE_MAX)
  declare limit?: number;

  @IsOptional()
  @IsIn([...FAQ_STATUS_VALUES, 'all'], { message: '状态只能是 draft、published、withdrawn 或 all' })
  status?: FaqStatus | 'all';
}

/** `GET /faq/suggestions?q=`: what the consultation form has typed so far. */
export class FaqSuggestQueryDto {
  @IsNotEmpty({ message: '请输入内容' })
  @IsString({ message: '内容必须是文本' })
  @MinChars(FAQ_SUGGEST_MIN, `至少输入 ${FAQ_SUGGEST_MIN} 个字`)
  @MaxChars(FAQ_SUGGEST_MAX, { message: `内容不能超过 ${FAQ_SUGGEST_MAX} 个字` })
  q!: string;
}

export type FaqSuggestionKind = 'faq' | 'policy';

/**
 * `POST /faq/suggestion-opens`: the enterprise user opened a suggestion while writing a consultation. `draftId` names
 * the form session (a random id the form makes when it opens). Whether the consultation was then sent is read from
 * the cases themselves (a case the same user submitted within 24 h of the first open), so nothing else is reported.
 */
export class FaqSuggestionOpenDto {
  @IsUUID('all', { message: '草稿编号格式错误' })
  draftId!: string;

  @IsIn(['faq', 'policy'], { message: '建议类型只能是 faq 或 policy' })
  kind!: FaqSuggestionKind;

  @IsUUID('all', { message: '编号格式错误' })
  id!: string;
}

/** `GET /staff/faq/deflections?from=&to=`: drafts whose first suggestion was opened in these days (Asia/Shanghai). */
export class FaqDeflectionQueryDto {
  @Matches(DAY, { message: '开始日期格式错误（YYYY-MM-DD）' })
  @IsDay('开始日期不是有效的日期')
  from!: string;

  @Matches(DAY, { message: '结束日期格式错误（YYYY-MM-DD）' })
  @IsDay('结束日期不是有效的日期')
  to!: string;
}

/** A published entry in a list. */
export interface FaqListItem {
  id: string;
  question: string;
  /** The answer's first ~80 characters. */
  excerpt: string;
  categories: string[];
  publishedAt: string | null;
  viewCount: number;
  /** With `?q=`: the question and a snippet of the answer, the hits marked. */
  highlight?: { question: TextSegment[]; snippet: TextSegment[] };
}

/** `GET /faq/:id`: a published entry (staff: any status) and the published policies it links. */
export interface FaqDetail {
  id: string;
  question: string;
  /** Plain text; paragraphs separated by line breaks. */
  answer: string;
  categories: string[];
  status: FaqStatus;
  publishedAt: string | null;
  viewCount: number;
  policies: PolicyListItem[];
  updatedAt: string;
}

export interface FaqPerson {
  id: string;
  name: string;
}

/** An entry in the workbench. */
export interface StaffFaqItem {
  id: string;
  question: string;
  answer: string;
  categories: string[];
  policyIds: string[];
  status: FaqStatus;
  sourceCaseId: string | null;
  /** The source consultation's number (QS…), when there is one. */
  sourceCaseNumber: string | null;
  createdBy: FaqPerson | null;
  /** Who last changed the text. */
  editedBy: FaqPerson | null;
  reviewedBy: FaqPerson | null;
  publishedAt: string | null;
  viewCount: number;
  createdAt: string;
  updatedAt: string;
  /** The caller may publish it (a supervisor or admin who neither wrote nor last edited it). */
  canPublish: boolean;
  /** Why not, in words, when `canPublish` is false and it is a draft. */
  publishBlocked: string | null;
}

/** `GET /staff/faq/case-source/:caseId`: what the editor pre-fills from a resolved consultation. */
export interface FaqCaseSource {
  caseId: string;
  caseNumber: string;
  /** The consultation as the enterprise wrote it: rewrite it without the enterprise's identity. */
  question: string;
  /** The last staff reply, else the 办理结果. */
  answer: string;
  category: string | null;
  /** What must not appear in the entry (the editor warns while it is there). */
  identity: { enterpriseName: string; creditCode: string };
  /** An entry already made from this consultation. */
  existingFaqId: string | null;
}

/** `GET /faq/suggestions`. */
export interface FaqSuggestions {
  faq: Array<{ id: string; question: string; highlight: { question: TextSegment[]; snippet: TextSegment[] } }>;
  policies: Array<{ id: string; title: string; highlight: { title: TextSegment[]; snippet: TextSegment[] } }>;
}

/** `GET /staff/faq/deflections`. */
export interface FaqDeflections {
  from: string;
  to: string;
  /** Form sessions in which at least one suggestion was opened (first open in the period). */
  opened: number;
  /** Of those, the ones whose user sent a consultation (any case) within 24 h of the first open. */
  sent: number;
  /** Opened and not sent (within 24 h, or by now when 24 h have not passed yet): the questions answered before asking. */
  notSent: number;
}
