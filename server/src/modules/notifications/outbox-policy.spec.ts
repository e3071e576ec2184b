import { WECHAT_ERR, WechatError } from '../wechat/wechat.errors';
import { afterSendFailure, OUTBOX_MAX_ATTEMPTS, retryDelayMs } from './outbox-policy';

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

  it('caps the delay at an hour', () => {
    expect(retryDelayMs(30, 5000)).toBe(60 * 60 * 1000);
  });
});
