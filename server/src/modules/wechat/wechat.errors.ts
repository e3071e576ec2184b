/** A WeChat API answer with a non-zero errcode, or no answer at all (errcode null). */
export class WechatError extends Error {
  constructor(
    public readonly errcode: number | null,
    public readonly errmsg: string,
    public readonly path: string,
  ) {
    super(`WeChat ${path} failed: ${errcode ?? 'unreachable'} ${errmsg}`);
    this.name = 'WechatError';
  }

  get unreachable(): boolean {
    return this.errcode === null || this.errcode === -1;
  }
}

/** WeChat's codes that this server acts on. */
export const WECHAT_ERR = {
  SYSTEM_BUSY: -1,
  INVALID_CREDENTIAL: 40001,
  INVALID_APPSECRET: 40125,
  INVALID_CODE: 40029,
  CODE_USED: 40163,
  RATE_LIMITED: 45011,
  USER_REFUSED: 43101,
  ARGUMENT_INVALID: 47003,
  SUBSCRIBE_BUSY: 43108,
} as const;
