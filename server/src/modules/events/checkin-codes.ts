import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CHECKIN_CODE_TTL_SECONDS, type CheckinCode } from '@qsgj/shared/contracts';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { AppException } from '../../common/errors/app-exception';
import { UUID_PATTERN } from '../../common/uuid.pipe';

const VERSION = 'QSE1';

export const FORGED_CODE_MESSAGE = '签到码无效，请让报名人在「我的报名」中刷新二维码后重新扫描';
export const OTHER_EVENT_CODE_MESSAGE = '该签到码不属于本场活动，请核对活动后重新扫描';
export const EXPIRED_CODE_MESSAGE = '签到码已过期，请让报名人在「我的报名」中刷新二维码后重新扫描';

/**
 * The check-in QR's payload: `QSE1.<registration>.<event>.<expiry, unix seconds>.<mac>`, the MAC an HMAC-SHA256
 * (first 16 bytes, base64url) over the rest under a key derived from JWT_SECRET for this one use. Nothing is stored:
 * any process with the secret mints and checks codes; a code cannot be made for a registration by anyone without
 * it, and lasts CHECKIN_CODE_TTL_SECONDS (the 我的报名 page refreshes it).
 */
@Injectable()
export class CheckinCodes {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = createHmac('sha256', config.JWT_SECRET).update('qsgj/event-checkin/v1').digest();
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest().subarray(0, 16).toString('base64url');
  }

  /** A code for the registration, valid from `now` for the TTL. */
  mint(registrationId: string, eventId: string, now: Date): CheckinCode {
    const expires = Math.floor(now.getTime() / 1000) + CHECKIN_CODE_TTL_SECONDS;
    const body = `${VERSION}.${registrationId}.${eventId}.${expires}`;
    return { code: `${body}.${this.mac(body)}`, expiresAt: new Date(expires * 1000).toISOString() };
  }

  /**
   * The registration a code names, for a check-in of `eventId` at `now`: 400 CHECKIN_CODE_INVALID when it was not
   * made here (or was altered) or names another event, 400 CHECKIN_CODE_EXPIRED once it has expired (the expiry
   * instant itself is still valid).
   */
  verify(code: string, eventId: string, now: Date): string {
    const parts = code.trim().split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) throw invalid(FORGED_CODE_MESSAGE);
    const [, registrationId, codeEventId, expires, mac] = parts;
    const expected = Buffer.from(this.mac(parts.slice(0, 4).join('.')));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid(FORGED_CODE_MESSAGE);
    // Signed here, so well formed; checked anyway before the values go anywhere.
    if (!UUID_PATTERN.test(registrationId) || !UUID_PATTERN.test(codeEventId) || !/^\d{1,12}$/.test(expires)) {
      throw invalid(FORGED_CODE_MESSAGE);
    }
    if (codeEventId.toLowerCase() !== eventId.toLowerCase()) throw invalid(OTHER_EVENT_CODE_MESSAGE);
    if (Number(expires) * 1000 < now.getTime()) {
      throw new AppException(
        'CHECKIN_CODE_EXPIRED',
        [{ field: 'code', message: EXPIRED_CODE_MESSAGE }],
        undefined,
        EXPIRED_CODE_MESSAGE,
      );
    }
    return registrationId.toLowerCase();
  }
}

function invalid(message: string): AppException {
  return new AppException('CHECKIN_CODE_INVALID', [{ field: 'code', message }], undefined, message);
}
