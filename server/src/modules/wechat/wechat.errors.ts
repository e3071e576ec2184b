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

/**
 * WeChat's access-token endpoint (`/cgi-bin/stable_token`) failed, so the API call that needed the
 * token was never made: the message or request is not at fault. An IP missing from the whitelist
 * (40164), a wrong WECHAT_SECRET (40125), WeChat busy (-1) or unreachable.
 */
export class WechatTokenError extends WechatError {
  constructor(errcode: number | null, errmsg: string, path: string) {
    super(errcode, errmsg, path);
    this.name = 'WechatTokenError';
  }
}

/** WeChat's codes that this server acts on. */
export const WECHAT_ERR = {
  SYSTEM_BUSY: -1,
  INVALID_CREDENTIAL: 40001,
  INVALID_APPID: 40013,
  INVALID_ACCESS_TOKEN: 40014,
  INVALID_APPSECRET: 40125,
  IP_NOT_WHITELISTED: 40164,
  RISKY_USER: 40226,
  APPSECRET_FROZEN: 40243,
  ACCESS_TOKEN_EXPIRED: 42001,
  INVALID_CODE: 40029,
  CODE_USED: 40163,
  DAILY_QUOTA_REACHED: 45009,
  RATE_LIMITED: 45011,
  USER_REFUSED: 43101,
  ARGUMENT_INVALID: 47003,
  SUBSCRIBE_BUSY: 43108,
} as const;

/** Answers to a call made with an access token that mean "this token is no good": renew it and retry once. */
export const TOKEN_REJECTED: ReadonlySet<number> = new Set<number>([
  WECHAT_ERR.INVALID_CREDENTIAL,
  WECHAT_ERR.INVALID_ACCESS_TOKEN,
  WECHAT_ERR.ACCESS_TOKEN_EXPIRED,
]);

export const isTokenRejected = (e: unknown): e is WechatError =>
  e instanceof WechatError && !(e instanceof WechatTokenError) && e.errcode !== null && TOKEN_REJECTED.has(e.errcode);

/** What an operator must change when WeChat refuses our credentials (token endpoint or login). */
export interface CredentialProblem {
  /** The setting to fix, named as the operator knows it. */
  setting: string;
  fix: string;
}

const CONSOLE = '微信公众平台 → 开发管理 → 开发设置';

/** Errcodes that no retry will cure: something in our configuration or WeChat's console must change. */
export function credentialProblem(errcode: number | null): CredentialProblem | null {
  switch (errcode) {
    case WECHAT_ERR.IP_NOT_WHITELISTED:
      return {
        setting: 'IP whitelist',
        fix: `add this server's egress IP to the mini-program's API IP whitelist (${CONSOLE} → IP白名单)`,
      };
    case WECHAT_ERR.INVALID_APPSECRET:
      return {
        setting: 'WECHAT_SECRET',
        fix: `WECHAT_SECRET is not the mini-program's current AppSecret: copy it from ${CONSOLE} (resetting it there invalidates the old one)`,
      };
    case WECHAT_ERR.APPSECRET_FROZEN:
      return {
        setting: 'WECHAT_SECRET',
        fix: `the AppSecret is frozen: unfreeze or reset it (${CONSOLE}), then update WECHAT_SECRET`,
      };
    case WECHAT_ERR.INVALID_APPID:
      return { setting: 'WECHAT_APPID', fix: 'WECHAT_APPID is not a valid mini-program AppID' };
    default:
      return null;
  }
}
