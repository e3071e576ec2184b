import { Inject, Injectable } from '@nestjs/common';
import { NotificationKind } from '@qsgj/shared/enums';
import type { SubscribeValue } from '@qsgj/shared/rules';
import { APP_CONFIG, type AppConfig, type TEMPLATE_ENV_VARS } from '../../config/app-config';

/**
 * What each kind's WeChat message says, by meaning. The template maps it onto its own keys; the
 * values are cleaned (lengths, control characters, personal data) by `sanitizeSubscribeData`.
 * Never put a person's name, phone or ID in here: the message shows on the lock screen.
 */
export interface MessageFields {
  case_update: { subject: string; status: string; at: Date; remark: string };
  membership: { enterprise: string; result: string; at: Date; remark: string };
  policy: { title: string; issuer: string; publishedAt: Date };
  lecture: { title: string; startsAt: Date; place: string };
  market: { subject: string; result: string; at: Date; remark: string };
}

interface TemplateDefinition<K extends NotificationKind> {
  /** The environment variable holding this deployment's template id. */
  env: (typeof TEMPLATE_ENV_VARS)[number];
  /** What the app tells the user they subscribe to. */
  title: string;
  /**
   * The 公共模板库 template this mapping is written for, with its keywords. Pick that template (or
   * one with the same keys) in the mini-program's console; a different one needs a different mapping.
   */
  library: string;
  toData(fields: MessageFields[K]): Record<string, SubscribeValue>;
}

/** Every kind's template: the field mapping lives here, next to the kind; the template id is configuration. */
export const TEMPLATE_DEFINITIONS: { [K in NotificationKind]: TemplateDefinition<K> } = {
  [NotificationKind.CASE_UPDATE]: {
    env: 'WECHAT_TEMPLATE_CASE_UPDATE',
    title: '诉求办理进度',
    library: '诉求处理进度通知：诉求事项 thing1、办理状态 phrase2、更新时间 time3、备注 thing4',
    toData: (f) => ({ thing1: f.subject, phrase2: f.status, time3: f.at, thing4: f.remark }),
  },
  [NotificationKind.MEMBERSHIP]: {
    env: 'WECHAT_TEMPLATE_MEMBERSHIP',
    title: '企业成员审核',
    library: '审核结果通知：申请事项 thing1、审核结果 phrase2、审核时间 time3、备注 thing4',
    toData: (f) => ({ thing1: f.enterprise, phrase2: f.result, time3: f.at, thing4: f.remark }),
  },
  [NotificationKind.POLICY]: {
    env: 'WECHAT_TEMPLATE_POLICY',
    title: '政策推送',
    library: '政策发布通知：政策名称 thing1、发布单位 thing2、发布日期 date3',
    toData: (f) => ({ thing1: f.title, thing2: f.issuer, date3: f.publishedAt }),
  },
  [NotificationKind.LECTURE]: {
    env: 'WECHAT_TEMPLATE_LECTURE',
    title: '讲堂开课提醒',
    library: '活动开始提醒：活动名称 thing1、开始时间 time2、活动地点 thing3',
    toData: (f) => ({ thing1: f.title, time2: f.startsAt, thing3: f.place }),
  },
  [NotificationKind.MARKET]: {
    env: 'WECHAT_TEMPLATE_MARKET',
    title: '商圈对接通知',
    library: '对接结果通知：对接事项 thing1、对接状态 phrase2、处理时间 time3、备注 thing4',
    toData: (f) => ({ thing1: f.subject, phrase2: f.result, time3: f.at, thing4: f.remark }),
  },
};

export interface ConfiguredTemplate {
  kind: NotificationKind;
  templateId: string;
  title: string;
}

/** The templates this deployment has configured (a kind without one writes the inbox only). */
@Injectable()
export class NotificationTemplates {
  private readonly byKind = new Map<NotificationKind, ConfiguredTemplate>();
  private readonly byId = new Map<string, ConfiguredTemplate>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    for (const kind of Object.values(NotificationKind)) {
      const definition = TEMPLATE_DEFINITIONS[kind];
      const templateId = config[definition.env];
      if (!templateId) continue;
      const template = { kind, templateId, title: definition.title };
      this.byKind.set(kind, template);
      this.byId.set(templateId, template);
    }
  }

  list(): ConfiguredTemplate[] {
    return [...this.byKind.values()];
  }

  forKind(kind: NotificationKind): ConfiguredTemplate | null {
    return this.byKind.get(kind) ?? null;
  }

  isConfigured(templateId: string): boolean {
    return this.byId.has(templateId);
  }

  /** The kind's message data, by the template's keys (not yet sanitised). */
  static dataFor<K extends NotificationKind>(kind: K, fields: MessageFields[K]): Record<string, SubscribeValue> {
    return TEMPLATE_DEFINITIONS[kind].toData(fields);
  }
}
