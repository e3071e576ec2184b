import 'reflect-metadata';
import { isIP } from 'node:net';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
  validateSync,
} from 'class-validator';

const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase());
const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * TRUST_PROXY, parsed into what Fastify's `trustProxy` takes. A hop count becomes a function: this
 * Fastify refuses a plain number (it trusts nothing then), and a function trusting the first `n` hops
 * from the socket makes the client the `n`-th address from the right of `X-Forwarded-For`.
 */
export type TrustProxy = boolean | string[] | TrustProxyHops;
export type TrustProxyHops = ((address: string, hop: number) => boolean) & { hops: number };
/** proxy-addr's named ranges. */
const TRUST_PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isProxyAddress(entry: string): boolean {
  if (TRUST_PROXY_NAMES.includes(entry) || isIP(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  if (rest.length || !address || !bits || !/^\d{1,3}$/.test(bits)) return false;
  const family = isIP(address);
  return family !== 0 && Number(bits) <= (family === 4 ? 32 : 128);
}

/** The parsed value, or the text as it came when it is none of the accepted forms (validation names it). */
export function parseTrustProxy({ value }: { value: unknown }): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim().toLowerCase();
  if (text === '' || text === 'false' || text === '0') return false;
  if (text === 'true') return true;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops <= 32 ? Object.assign((_address: string, hop: number) => hop < hops, { hops }) : value;
  }
  const entries = text.split(',').map((e) => e.trim());
  return entries.every(isProxyAddress) ? entries : value;
}

/** WeChat template ids are ~43 characters of letters, digits, `_` and `-`. */
const TEMPLATE_ID = /^[\w-]{10,128}$/;
const TEMPLATE_ID_MESSAGE = 'must be a subscribe-message template id: 10 to 128 letters, digits, _ or -';

/** The template variables, by notification kind. */
export const TEMPLATE_ENV_VARS = [
  'WECHAT_TEMPLATE_CASE_UPDATE',
  'WECHAT_TEMPLATE_MEMBERSHIP',
  'WECHAT_TEMPLATE_POLICY',
  'WECHAT_TEMPLATE_LECTURE',
  'WECHAT_TEMPLATE_MARKET',
] as const;

/** The S3 settings of file storage: all or none. */
export const S3_ENV_VARS = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;
const STORAGE_ENV_VARS = ['STORAGE_DIR', ...S3_ENV_VARS] as const;

/**
 * Every environment variable the server reads. Validated once at boot: a bad or
 * missing value stops the process with a message naming the variable.
 * The README's table is the user-facing copy of this list.
 */
export class EnvVars {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  /**
   * The owner's URL, for migrations only (docs/operations.md, least-privilege role): when set, the
   * server migrates with it at start and then serves through DATABASE_URL, a role that may not alter
   * tables or rewrite the audit log. Unset: DATABASE_URL does both.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_MIGRATION_URL must be a postgres:// URL' })
  DATABASE_MIGRATION_URL?: string;

  /** Where embedded PGlite keeps its files; `memory` keeps nothing. */
  @IsString()
  PGLITE_DATA_DIR = '.data/pglite';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL?: string;

  /** Prefix of every Redis key, so several deployments (or test runs) can share one Redis. */
  @Matches(/^[\w:.-]{1,32}$/)
  REDIS_KEY_PREFIX = 'qsgj';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^wx[0-9a-zA-Z-]{4,40}$/, { message: 'WECHAT_APPID must look like wx…' })
  WECHAT_APPID?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(8)
  WECHAT_SECRET?: string;

  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  WECHAT_API_BASE = 'https://api.weixin.qq.com';

  /** Milliseconds before a WeChat call is abandoned. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  WECHAT_TIMEOUT_MS = 5000;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, { message: 'ADMIN_USERNAME must be 3-32 letters, digits, _ . -' })
  ADMIN_USERNAME?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  ADMIN_PASSWORD?: string;

  /** Load the demo city (departments, butlers, enterprises). Defaults to on outside production. */
  @Transform(toBool)
  @IsOptional()
  @IsBoolean()
  SEED_DEMO?: boolean;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Largest accepted request body in bytes. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  BODY_LIMIT = 1_048_576;

  /** Requests per minute per client before 429. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 300;

  /** Sign-in attempts per minute per client before 429. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  AUTH_RATE_LIMIT_PER_MINUTE = 20;

  /** 企业商圈: contact requests one user may send in any rolling 24 hours (counted in the database) before 429. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  MARKET_CONTACT_REQUESTS_PER_DAY = 10;

  /** Version of the privacy notice users must agree to. */
  @Matches(/^[\w.-]{1,32}$/)
  CONSENT_VERSION = '2026-11';

  /**
   * Which reverse proxies' `X-Forwarded-For` to believe (docs/operations.md, "Behind a proxy"): their
   * addresses or CIDRs (comma-separated), or the number of proxies in front; `false` (default) believes
   * none. `true` believes whatever the client writes first and is refused in production.
   */
  @Transform(parseTrustProxy)
  @ValidateBy({
    name: 'isTrustProxy',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'boolean' || typeof value === 'function' || (Array.isArray(value) && value.length > 0),
      defaultMessage: () =>
        'must be the number of proxies in front (e.g. 1) or their addresses / CIDRs, comma-separated (e.g. 10.0.0.5,10.1.0.0/16), or false',
    },
  })
  TRUST_PROXY: TrustProxy = false;

  /** Which mini-program version a subscribe message opens: `formal` (released), `trial` or `developer`. */
  @IsIn(['formal', 'trial', 'developer'])
  WECHAT_MINIPROGRAM_STATE: 'formal' | 'trial' | 'developer' = 'formal';

  /**
   * Subscribe-message template ids, one per notification kind (from the mini-program's admin console,
   * 订阅消息 → 我的模板). A kind without one writes the in-app inbox only.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(TEMPLATE_ID, { message: TEMPLATE_ID_MESSAGE })
  WECHAT_TEMPLATE_CASE_UPDATE?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(TEMPLATE_ID, { message: TEMPLATE_ID_MESSAGE })
  WECHAT_TEMPLATE_MEMBERSHIP?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(TEMPLATE_ID, { message: TEMPLATE_ID_MESSAGE })
  WECHAT_TEMPLATE_POLICY?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(TEMPLATE_ID, { message: TEMPLATE_ID_MESSAGE })
  WECHAT_TEMPLATE_LECTURE?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(TEMPLATE_ID, { message: TEMPLATE_ID_MESSAGE })
  WECHAT_TEMPLATE_MARKET?: string;

  /** `on`: this process sends queued subscribe messages; `off`: it only queues them (another process sends). */
  @IsIn(['on', 'off'])
  NOTIFICATION_WORKER: 'on' | 'off' = 'on';

  /** How often the worker looks for messages that are due (a commit also wakes it at once). */
  @Transform(toInt)
  @IsInt()
  @Min(50)
  NOTIFICATION_POLL_MS = 5000;

  /** First retry delay after a transient WeChat failure; doubles each attempt. */
  @Transform(toInt)
  @IsInt()
  @Min(50)
  NOTIFICATION_RETRY_BASE_MS = 5000;

  /** How long a worker owns a message it took; after that another worker may take it over. */
  @Transform(toInt)
  @IsInt()
  @Min(200)
  NOTIFICATION_LEASE_MS = 60_000;

  /** Messages sent at once by one process. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  NOTIFICATION_CONCURRENCY = 5;

  /**
   * The API document at `/api/docs` and `/api/docs/json`: `on`, `off`, or `auto` — on outside
   * production, off in production (it lists every route for anyone who asks).
   */
  @IsIn(['on', 'off', 'auto'], { message: 'API_DOCS must be on, off or auto' })
  API_DOCS: 'on' | 'off' | 'auto' = 'auto';

  /** Folder of the built H5 app served at `/` (when it exists). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  H5_DIR?: string;

  /**
   * Folder for uploaded files when no S3 is configured; never inside a folder the web server serves.
   * Default `.data/files` (tests: a fresh temporary folder).
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  STORAGE_DIR?: string;

  /** An S3-compatible service for uploaded files (all four S3_* variables, or none: then STORAGE_DIR). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  S3_ENDPOINT?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'S3_BUCKET must be a bucket name (a-z, 0-9, . and -)' })
  S3_BUCKET?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  S3_ACCESS_KEY_ID?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  S3_SECRET_ACCESS_KEY?: string;

  /** Working days a supervisor has for the follow-up (回访整改) of a 差评 (rating 1 or 2); docs/cases.md "Ratings". */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(30)
  CASE_FOLLOW_UP_WORKING_DAYS = 5;

  /** The region requests are signed for (MinIO and most self-hosted services accept `us-east-1`). */
  @Matches(/^[a-z0-9-]{2,32}$/)
  S3_REGION = 'us-east-1';

  /** How often every process runs the case deadline sweep (80 % warnings, overdue escalations, auto-close); docs/cases.md "Sweep". */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  CASE_SWEEP_MS = 60_000;

  /** Days after 办结 an unrated case closes by itself (counted as unrated); docs/cases.md "Sweep". */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(90)
  CASE_AUTO_CLOSE_DAYS = 7;
}

export interface AppConfig extends Omit<EnvVars, 'SEED_DEMO' | 'JWT_SECRET'> {
  SEED_DEMO: boolean;
  JWT_SECRET: string;
  /** True when the server talks to the project's fake WeChat (no real credentials). */
  fakeWechat: boolean;
  isProduction: boolean;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Validates the environment. Throws ConfigError naming every bad variable.
 * `JWT_SECRET` may be absent outside production: the caller supplies a generated one.
 */
export function loadConfig(env: NodeJS.ProcessEnv, fallbackJwtSecret?: () => string): AppConfig {
  const known = Object.keys(new EnvVars());
  const raw: Record<string, unknown> = {};
  for (const key of [
    ...known,
    'DATABASE_URL',
    'DATABASE_MIGRATION_URL',
    'REDIS_URL',
    'JWT_SECRET',
    'WECHAT_APPID',
    'WECHAT_SECRET',
    'ADMIN_USERNAME',
    'ADMIN_PASSWORD',
    'SEED_DEMO',
    'H5_DIR',
    ...STORAGE_ENV_VARS,
    ...TEMPLATE_ENV_VARS,
  ]) {
    if (env[key] !== undefined) raw[key] = env[key];
  }
  const vars = plainToInstance(EnvVars, raw);
  const problems = validateSync(vars, { whitelist: true }).flatMap((e) =>
    Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m}`),
  );
  const isProduction = vars.NODE_ENV === 'production';
  if (vars.DATABASE_MIGRATION_URL && !vars.DATABASE_URL) {
    problems.push('DATABASE_MIGRATION_URL: needs DATABASE_URL (the runtime role the server serves with) beside it');
  }
  if (isProduction) {
    for (const key of ['DATABASE_URL', 'JWT_SECRET', 'WECHAT_APPID', 'WECHAT_SECRET'] as const) {
      if (!vars[key]) problems.push(`${key}: is required when NODE_ENV=production`);
    }
  }
  if (isProduction && vars.TRUST_PROXY === true) {
    problems.push(
      'TRUST_PROXY: true believes the first X-Forwarded-For address, which the client writes; set the number of proxies in front (e.g. 1) or their addresses (e.g. 10.0.0.5)',
    );
  }
  const s3Set = S3_ENV_VARS.filter((key) => vars[key]);
  if (s3Set.length && s3Set.length !== S3_ENV_VARS.length) {
    problems.push(
      `${S3_ENV_VARS.join(' / ')}: set all four or none (missing ${S3_ENV_VARS.filter((k) => !vars[k]).join(', ')})`,
    );
  }
  if (Boolean(vars.WECHAT_APPID) !== Boolean(vars.WECHAT_SECRET)) {
    problems.push('WECHAT_APPID / WECHAT_SECRET: set both or neither');
  }
  if (Boolean(vars.ADMIN_USERNAME) !== Boolean(vars.ADMIN_PASSWORD)) {
    problems.push('ADMIN_USERNAME / ADMIN_PASSWORD: set both or neither');
  }
  // A send is at most four WeChat calls (token, send, and once more after a 40001); the lease must outlast them.
  if (problems.length === 0 && vars.NOTIFICATION_LEASE_MS < 4 * vars.WECHAT_TIMEOUT_MS) {
    problems.push(
      `NOTIFICATION_LEASE_MS: must be at least 4 × WECHAT_TIMEOUT_MS (${4 * vars.WECHAT_TIMEOUT_MS}), the longest one send can take`,
    );
  }
  const templateIds = TEMPLATE_ENV_VARS.map((key) => vars[key]).filter(Boolean);
  if (new Set(templateIds).size !== templateIds.length) {
    problems.push(`${TEMPLATE_ENV_VARS.join(' / ')}: each kind needs its own template id`);
  }
  if (problems.length) throw new ConfigError(problems);
  const jwtSecret = vars.JWT_SECRET ?? fallbackJwtSecret?.();
  if (!jwtSecret) throw new ConfigError(['JWT_SECRET: is required']);
  return {
    ...vars,
    JWT_SECRET: jwtSecret,
    SEED_DEMO: vars.SEED_DEMO ?? !isProduction,
    fakeWechat: !vars.WECHAT_APPID,
    isProduction,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
