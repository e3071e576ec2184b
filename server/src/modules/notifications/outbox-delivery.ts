import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { WechatClient } from '../wechat/wechat.client';
import { afterSendFailure } from './outbox-policy';
import { type ClaimedMessage, OutboxRepository } from './outbox.repository';

export type DeliveryOutcome =
  | { status: 'sent' }
  | { status: 'retry'; delayMs: number }
  | { status: 'failed' }
  | { status: 'skipped' }
  /** Our lease ran out before we could record the outcome: another worker owns the message now. */
  | { status: 'lost' };

/** Attempts to record "sent" before giving up (a failure here is the one way a message could go twice). */
const MARK_SENT_TRIES = [0, 200, 1000, 3000];

/**
 * Sends one claimed message and records what happened. Log lines name the outbox row, the template
 * and WeChat's errcode — never the openid, the user or the text.
 */
@Injectable()
export class OutboxDelivery {
  private readonly logger = new Logger('Notifications');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: OutboxRepository,
    private readonly wechat: WechatClient,
  ) {}

  async deliver(m: ClaimedMessage): Promise<DeliveryOutcome> {
    if (!m.openid) {
      // The account was deleted after the message was queued: nobody to send it to.
      return this.outcome(await this.outbox.markSkipped(m, 'no_openid'), { status: 'skipped' });
    }
    try {
      await this.wechat.sendSubscribeMessage({
        touser: m.openid,
        template_id: m.templateId,
        ...(m.page ? { page: m.page } : {}),
        data: m.data,
        miniprogram_state: this.config.WECHAT_MINIPROGRAM_STATE,
        lang: 'zh_CN',
      });
    } catch (e) {
      return this.afterFailure(m, e);
    }
    if (await this.recordSent(m)) return { status: 'sent' };
    this.logger.warn({ outboxId: m.id }, 'Subscribe message sent after its lease ran out: it may be sent twice');
    return { status: 'lost' };
  }

  private async afterFailure(m: ClaimedMessage, e: unknown): Promise<DeliveryOutcome> {
    const verdict = afterSendFailure(e, m.attempts, this.config.NOTIFICATION_RETRY_BASE_MS);
    const line = { outboxId: m.id, templateId: m.templateId, attempt: m.attempts, error: verdict.error };
    switch (verdict.action) {
      case 'refused':
        this.logger.log(line, 'Subscribe message refused by the user (43101): not retried, credits cleared');
        return this.outcome(await this.outbox.markRefused(m, verdict.error), { status: 'skipped' });
      case 'retry':
      case 'wait':
        // 'wait': no access token (the client logged what to fix at error level); the message waits.
        this.logger.log(
          { ...line, retryInMs: verdict.delayMs },
          verdict.action === 'wait'
            ? 'Subscribe message waiting for a WeChat access token: will retry'
            : 'Subscribe message not sent yet: will retry',
        );
        return this.outcome(await this.outbox.markRetry(m, verdict.delayMs, verdict.error), {
          status: 'retry',
          delayMs: verdict.delayMs,
        });
      case 'fail':
        this.logger.warn(
          line,
          verdict.permanent
            ? 'Subscribe message failed: WeChat refused it'
            : 'Subscribe message failed: every attempt was used up',
        );
        return this.outcome(await this.outbox.markFailed(m, verdict.error), { status: 'failed' });
    }
  }

  /** WeChat has it: record that, insisting a little, since a row left "sending" would be sent again. */
  private async recordSent(m: ClaimedMessage): Promise<boolean> {
    for (let i = 0; ; i++) {
      try {
        return await this.outbox.markSent(m);
      } catch (e) {
        if (i === MARK_SENT_TRIES.length - 1) {
          this.logger.error(
            { outboxId: m.id, reason: (e as Error).message },
            'Subscribe message sent but not recorded: it may be sent again when its lease runs out',
          );
          throw e;
        }
        await new Promise((r) => setTimeout(r, MARK_SENT_TRIES[i + 1]));
      }
    }
  }

  private outcome(landed: boolean, outcome: DeliveryOutcome): DeliveryOutcome {
    return landed ? outcome : { status: 'lost' };
  }
}
