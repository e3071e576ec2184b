import { WECHAT_ERR, WechatError, WechatTokenError } from '../wechat/wechat.errors';
import { afterSendFailure, OUTBOX_MAX_ATTEMPTS, OUTBOX_TOKEN_WAIT_MAX_MS, retryDelayMs } from './outbox-policy';

const wechat = (errcode: number | null) => new WechatError(errcode, 'x', '/cgi-bin/message/subscribe/send');

describe('what happens after a failed send', () => {
  it('43101 (the user refused): refused, never retried, whatever the attempt', () => {
    expect(afterSendFailure(wechat(WECHAT_ERR.USER_REFUSED), 1, 5000)).toEqual({
      action: 'refused',
      error: 'wechat:43101',
    });
  });

  it.each([
    ['-1 system busy', wechat(WECHAT_ERR.SYSTEM_BUSY), 'wechat:-1'],
    ['43108 busy', wechat(WECHAT_ERR.SUBSCRIBE_BUSY), 'wechat:43108'],
    ['45011 rate limited', wechat(WECHAT_ERR.RATE_LIMITED), 'wechat:45011'],
    ['no answer', wechat(null), 'unreachable'],
    ['42001 still, after the client renewed the token', wechat(WECHAT_ERR.ACCESS_TOKEN_EXPIRED), 'wechat:42001'],
    ['40014 still (a forced refresh was made < 30 s ago)', wechat(WECHAT_ERR.INVALID_ACCESS_TOKEN), 'wechat:40014'],
    ['an unexpected error of ours', new TypeError('boom'), 'error:TypeError'],
  ])('%s: retried with exponential backoff', (_label, error, label) => {
    expect(afterSendFailure(error, 1, 5000)).toEqual({ action: 'retry', delayMs: 5000, error: label });
    expect(afterSendFailure(error, 2, 5000)).toEqual({ action: 'retry', delayMs: 10_000, error: label });
    expect(afterSendFailure(error, 4, 5000)).toEqual({ action: 'retry', delayMs: 40_000, error: label });
  });

  it(`fails once all ${OUTBOX_MAX_ATTEMPTS} attempts are used`, () => {
    expect(afterSendFailure(wechat(-1), OUTBOX_MAX_ATTEMPTS, 5000)).toEqual({
      action: 'fail',
      error: 'wechat:-1 (attempts used up)',
      permanent: false,
    });
  });

  it.each([47003, 40003, 40037, 41030])('%i (WeChat refuses the message itself): failed at once', (code) => {
    expect(afterSendFailure(wechat(code), 1, 5000)).toEqual({
      action: 'fail',
      error: `wechat:${code}`,
      permanent: true,
    });
  });

  describe('the token endpoint failed (no access token: the message was never sent)', () => {
    const tokenError = (errcode: number | null) => new WechatTokenError(errcode, 'x', '/cgi-bin/stable_token');

    it.each([
      [WECHAT_ERR.IP_NOT_WHITELISTED, 'token:40164'],
      [WECHAT_ERR.INVALID_APPSECRET, 'token:40125'],
      [WECHAT_ERR.SYSTEM_BUSY, 'token:-1'],
      [null, 'token:unreachable'],
    ])('%s: waits with backoff, and never fails for it — not even after every attempt', (errcode, label) => {
      const error = tokenError(errcode);
      expect(afterSendFailure(error, 1, 5000)).toEqual({ action: 'wait', delayMs: 5000, error: label });
      expect(afterSendFailure(error, OUTBOX_MAX_ATTEMPTS, 5000)).toEqual({
        action: 'wait',
        delayMs: 80_000,
        error: label,
      });
      expect(afterSendFailure(error, 40, 5000)).toEqual({
        action: 'wait',
        delayMs: OUTBOX_TOKEN_WAIT_MAX_MS,
        error: label,
      });
    });
  });

  it('caps the delay at an hour', () => {
    expect(retryDelayMs(30, 5000)).toBe(60 * 60 * 1000);
  });
});
