import { Injectable, Logger } from '@nestjs/common';
import { ERROR_MESSAGES } from '@qsgj/shared/errors';
import { fieldError } from '../../common/errors/app-exception';
import { UsersService } from '../users/users.service';
import { type MsgSecScene, WechatClient } from '../wechat/wechat.client';

/** What the content check decided about an enterprise's text that may be stored. */
export type ContentVerdict = 'pass' | 'review' | 'unavailable';

/** msg_sec_check's scenes for a case's text (论坛: a post others read) and a message on it (评论). */
export const CASE_CONTENT_SCENE: MsgSecScene = 3;
export const CASE_MESSAGE_SCENE: MsgSecScene = 2;

/**
 * The content check of an enterprise's text (WeChat msg_sec_check v2, with the submitter's openid), made before
 * anything is stored. `risky` → 400 CONTENT_RISKY (the caller stores nothing). `review` → 'review'. WeChat refusing,
 * not answering in WECHAT_TIMEOUT_MS, or a submitter without an openid (v2 needs one) → 'unavailable': the text is
 * never lost for that — the caller keeps it away from the department until a person clears it.
 */
@Injectable()
export class CaseContentCheck {
  private readonly logger = new Logger(CaseContentCheck.name);

  constructor(
    private readonly wechat: WechatClient,
    private readonly users: UsersService,
  ) {}

  async check(userId: string, content: string, scene: MsgSecScene, field = 'content'): Promise<ContentVerdict> {
    const user = await this.users.findById(userId);
    if (!user?.openid) {
      this.logger.warn({ userId }, 'Content check skipped: the submitter has no openid; held for review');
      return 'unavailable';
    }
    let suggest: 'pass' | 'review' | 'risky';
    try {
      ({ suggest } = await this.wechat.msgSecCheck({ openid: user.openid, content, scene }));
    } catch (e) {
      const w = e as { errcode?: number | null; name?: string };
      this.logger.warn({ errcode: w.errcode ?? null, reason: w.name }, 'Content check failed; held for review');
      return 'unavailable';
    }
    if (suggest === 'risky') throw fieldError(field, ERROR_MESSAGES.CONTENT_RISKY, 'CONTENT_RISKY');
    return suggest;
  }
}
