import { IsDefined, registerDecorator, type ValidationOptions } from 'class-validator';
import { IsPageLimit, type Page, PageQueryDto } from './paging';
import type { NotificationKind, SubscribeResult } from '../enums';
import { SUBSCRIBE_MAX_TEMPLATES_PER_REQUEST } from '../rules/subscribe-message';

/** `GET /notifications`: newest first, keyset-paged. */
export class NotificationListQueryDto extends PageQueryDto {
  @IsPageLimit(50)
  override limit?: number;
}

const SUBSCRIBE_RESULTS: readonly string[] = ['accept', 'reject', 'ban', 'filter'];
const TEMPLATE_ID = /^[\w-]{1,128}$/;

/** What is wrong with a `results` object, or null when nothing is: one message per rule. */
export function subscribeResultsProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return '订阅结果必须是对象：模板编号 → accept / reject / ban / filter';
  }
  const entries = Object.entries(value);
  if (entries.length < 1 || entries.length > SUBSCRIBE_MAX_TEMPLATES_PER_REQUEST) {
    return `订阅结果须包含 1 至 ${SUBSCRIBE_MAX_TEMPLATES_PER_REQUEST} 个模板，收到 ${entries.length} 个`;
  }
  for (const [key, answer] of entries) {
    if (!TEMPLATE_ID.test(key)) return '模板编号须为 1 至 128 位字母、数字、下划线或短横线';
    if (typeof answer !== 'string' || !SUBSCRIBE_RESULTS.includes(answer)) {
      return '每个模板的订阅结果只能是 accept、reject、ban 或 filter';
    }
  }
  return null;
}

/** The object `wx.requestSubscribeMessage` resolves with, minus its `errMsg`: template id → answer. */
function IsSubscribeResults(options?: ValidationOptions) {
  return function (target: object, propertyName: string) {
    registerDecorator({
      name: 'isSubscribeResults',
      target: target.constructor,
      propertyName,
      options: { message: (args) => subscribeResultsProblem(args.value) ?? '', ...options },
      validator: { validate: (value: unknown) => subscribeResultsProblem(value) === null },
    });
  };
}

/**
 * `POST /notifications/grants`: what the user answered when the app asked for subscribe-message
 * templates (at most three at a time). Send WeChat's result object without its `errMsg` key.
 */
export class RecordSubscribeGrantsDto {
  @IsDefined({ message: '缺少订阅结果' })
  @IsSubscribeResults()
  results!: Record<string, SubscribeResult>;
}

/** One inbox entry. */
export interface NotificationItem {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** A mini-program page with its query, e.g. `/packages/me/pages/members/index`; null when there is nowhere to go. */
  link: string | null;
  /** Null while unread. */
  readAt: string | null;
  createdAt: string;
}

export interface NotificationPage extends Page<NotificationItem> {
  unreadCount: number;
}

export interface UnreadCountResponse {
  unreadCount: number;
}

/** A subscribe-message template the app may ask the user for. */
export interface SubscribeTemplateItem {
  kind: NotificationKind;
  /** Pass to `wx.requestSubscribeMessage({ tmplIds })`. */
  templateId: string;
  /** What the user is subscribing to, e.g. 成员审核结果. */
  title: string;
  /** Messages the server may still send the user with this template (each acceptance adds one). */
  credits: number;
}

export interface SubscribeTemplatesResponse {
  templates: SubscribeTemplateItem[];
  /** WeChat's limit: ask for at most this many templates at a time. */
  maxPerRequest: number;
}
