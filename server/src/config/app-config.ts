import 'reflect-metadata';
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
  validateSync,
} from 'class-validator';

const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase());
const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** WeChat template ids are ~43 characters of letters, digits, `_` and `-`. */
const TEMPLATE_ID = /^[\w-]{10,128}$/;
const TEMPLATE_ID_MESSAGE = 'must be a subscribe-message template id (letters, digits, _ and -)';

/** The template variables, by notification kind. */
export const TEMPLATE_ENV_VARS = [
  'WECHAT_TEMPLATE_CASE_UPDATE',
  'WECHAT_TEMPLATE_MEMBERSHIP',
  'WECHAT_TEMPLATE_POLICY',
  'WECHAT_TEMPLATE_LECTURE',
] as const;

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

  /** Version of the privacy notice users must agree to. */
  @Matches(/^[\w.-]{1,32}$/)
  CONSENT_VERSION = '2026-11';

  /** Trust X-Forwarded-For from a reverse proxy (set behind HTTPS termination). */
  @Transform(toBool)
  @IsBoolean()
  TRUST_PROXY = false;

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

  /** Folder of the built H5 app served at `/` (when it exists). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  H5_DIR?: string;
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
    'REDIS_URL',
    'JWT_SECRET',
    'WECHAT_APPID',
    'WECHAT_SECRET',
    'ADMIN_USERNAME',
    'ADMIN_PASSWORD',
    'SEED_DEMO',
    'H5_DIR',
    ...TEMPLATE_ENV_VARS,
  ]) {
    if (env[key] !== undefined) raw[key] = env[key];
  }
  const vars = plainToInstance(EnvVars, raw);
  const problems = validateSync(vars, { whitelist: true }).flatMap((e) =>
    Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m}`),
  );
  const isProduction = vars.NODE_ENV === 'production';
  if (isProduction) {
    for (const key of ['DATABASE_URL', 'JWT_SECRET', 'WECHAT_APPID', 'WECHAT_SECRET'] as const) {
      if (!vars[key]) problems.push(`${key}: is required when NODE_ENV=production`);
    }
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
