import { registerDecorator, type ValidationOptions } from 'class-validator';
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

/** The object `wx.requestSubscribeMessage` resolves with, minus its `errMsg`: template id → answer. */
function IsSubscribeResults(options?: ValidationOptions) {
  return function (target: object, propertyName: string) {
    registerDecorator({
      name: 'isSubscribeResults',
      target: target.constructor,
      propertyName,
      options: {
        message: `订阅结果格式错误：应为模板编号到 accept / reject / ban / filter 的对应，一次 1 至 ${SUBSCRIBE_MAX_TEMPLATES_PER_REQUEST} 个`,
        ...options,
      },
      validator: {
        validate(value: unknown) {
          if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
          const entries = Object.entries(value);
          return (
            entries.length >= 1 &&
            entries.length <= SUBSCRIBE_MAX_TEMPLATES_PER_REQUEST &&
            entries.every(([k, v]) => TEMPLATE_ID.test(k) && typeof v === 'string' && SUBSCRIBE_RESULTS.includes(v))
          );
        },
      },
    });
  };
}

/**
 * `POST /notifications/grants`: what the user answered when the app asked for subscribe-message
 * templates (at most three at a time). Send WeChat's result object without its `errMsg` key.
 */
export class RecordSubscribeGrantsDto {
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
