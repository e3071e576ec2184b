import { ConfigError, loadConfig } from './app-config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, () => 'x'.repeat(40));
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
}

describe('configuration validated at boot', () => {
  it('defaults to development on embedded PGlite with the fake WeChat', () => {
    const config = loadConfig({}, () => 'generated-secret-generated-secret-1234');
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      PGLITE_DATA_DIR: '.data/pglite',
      fakeWechat: true,
      SEED_DEMO: true,
    });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('names each bad variable', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      REDIS_URL: 'http://x',
      LOG_LEVEL: 'loud',
    });
    expect(problems.join('\n')).toMatch(/PORT/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL/);
    expect(problems.join('\n')).toMatch(/REDIS_URL/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL/);
  });

  it('in production requires the database, JWT secret and WeChat credentials', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    for (const name of ['DATABASE_URL', 'JWT_SECRET', 'WECHAT_APPID', 'WECHAT_SECRET']) {
      expect(problems).toContain(`${name}: is required when NODE_ENV=production`);
    }
  });

  it('accepts a complete production environment and turns demo data off', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://app@db/qsgj',
      JWT_SECRET: 's'.repeat(48),
      WECHAT_APPID: 'wx1234567890abcdef',
      WECHAT_SECRET: 'secret-secret',
    });
    expect(config).toMatchObject({ isProduction: true, fakeWechat: false, SEED_DEMO: false });
  });

  it('refuses a short JWT secret and half-set pairs', () => {
    const problems = problemsOf({ JWT_SECRET: 'short', WECHAT_APPID: 'wx1234567890', ADMIN_USERNAME: 'root' });
    expect(problems.join('\n')).toMatch(/JWT_SECRET: JWT_SECRET must be at least 32 characters/);
    expect(problems).toContain('WECHAT_APPID / WECHAT_SECRET: set both or neither');
    expect(problems).toContain('ADMIN_USERNAME / ADMIN_PASSWORD: set both or neither');
  });
});
