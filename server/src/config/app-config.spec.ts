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

  describe('notifications', () => {
    it('defaults: worker on, no templates (inbox only), formal mini-program', () => {
      const config = loadConfig({}, () => 'x'.repeat(40));
      expect(config).toMatchObject({
        NOTIFICATION_WORKER: 'on',
        NOTIFICATION_POLL_MS: 5000,
        NOTIFICATION_RETRY_BASE_MS: 5000,
        NOTIFICATION_LEASE_MS: 60_000,
        NOTIFICATION_CONCURRENCY: 5,
        WECHAT_MINIPROGRAM_STATE: 'formal',
      });
      expect(config.WECHAT_TEMPLATE_MEMBERSHIP).toBeUndefined();
    });

    it('reads template ids and refuses malformed or shared ones', () => {
      const id = 'Ljm9TgXq3C8JK3b9t_dkd5ujk6v8ZQ9i9y4tNz5Qo9E';
      expect(loadConfig({ WECHAT_TEMPLATE_MEMBERSHIP: id }, () => 'x'.repeat(40)).WECHAT_TEMPLATE_MEMBERSHIP).toBe(id);
      expect(problemsOf({ WECHAT_TEMPLATE_POLICY: 'has spaces in it' }).join('\n')).toMatch(/WECHAT_TEMPLATE_POLICY/);
      expect(problemsOf({ WECHAT_TEMPLATE_POLICY: id, WECHAT_TEMPLATE_LECTURE: id }).join('\n')).toMatch(
        /each kind needs its own template id/,
      );
    });

    it('refuses a lease shorter than the longest send (4 × WECHAT_TIMEOUT_MS), and a bad worker switch', () => {
      expect(problemsOf({ WECHAT_TIMEOUT_MS: '5000', NOTIFICATION_LEASE_MS: '10000' })).toEqual([
        'NOTIFICATION_LEASE_MS: must be at least 4 × WECHAT_TIMEOUT_MS (20000), the longest one send can take',
      ]);
      expect(problemsOf({ NOTIFICATION_WORKER: 'maybe' }).join('\n')).toMatch(/NOTIFICATION_WORKER/);
    });
  });

  describe('TRUST_PROXY', () => {
    const trustProxy = (value: string, env: Record<string, string> = {}) =>
      loadConfig({ ...env, TRUST_PROXY: value }, () => 'x'.repeat(40)).TRUST_PROXY;
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://app@db/qsgj',
      JWT_SECRET: 's'.repeat(48),
      WECHAT_APPID: 'wx1234567890abcdef',
      WECHAT_SECRET: 'secret-secret',
    };

    it('believes no proxy by default, nor for false or 0', () => {
      expect(loadConfig({}, () => 'x'.repeat(40)).TRUST_PROXY).toBe(false);
      expect(trustProxy('')).toBe(false);
      expect(trustProxy('false')).toBe(false);
      expect(trustProxy('0')).toBe(false);
    });

    it('takes a hop count as a function trusting that many hops from the socket (Fastify trusts nothing for a plain number)', () => {
      const one = trustProxy('1', production);
      expect(typeof one).toBe('function');
      const fn = one as (address: string, hop: number) => boolean;
      expect(fn('10.0.0.5', 0)).toBe(true);
      expect(fn('203.0.113.9', 1)).toBe(false);
      const two = trustProxy(' 2 ') as ((address: string, hop: number) => boolean) & { hops: number };
      expect(two.hops).toBe(2);
      expect([two('a', 0), two('b', 1), two('c', 2)]).toEqual([true, true, false]);
    });

    it("takes the proxies' addresses and CIDRs, comma-separated, and proxy-addr's named ranges", () => {
      expect(trustProxy('10.0.0.5, 10.1.0.0/16,fd00::/8, ::1,loopback', production)).toEqual([
        '10.0.0.5',
        '10.1.0.0/16',
        'fd00::/8',
        '::1',
        'loopback',
      ]);
    });

    it('refuses anything else, naming the variable and the accepted forms', () => {
      for (const bad of [
        'yes',
        'on',
        '-1',
        '33',
        '10.0.0.256',
        '10.0.0.0/33',
        '::1/129',
        '10.0.0.1,',
        'proxy.local',
        '10.0.0.0/8/8',
      ]) {
        const problems = problemsOf({ TRUST_PROXY: bad });
        expect(problems).toHaveLength(1);
        expect(problems[0]).toMatch(
          /^TRUST_PROXY: must be the number of proxies in front \(e\.g\. 1\) or their addresses/,
        );
      }
    });

    it('accepts true outside production only: it believes whatever the client writes first', () => {
      expect(trustProxy('true')).toBe(true);
      expect(trustProxy('TRUE', { NODE_ENV: 'test' })).toBe(true);
      const problems = problemsOf({ ...production, TRUST_PROXY: 'true' });
      expect(problems).toEqual([
        'TRUST_PROXY: true believes the first X-Forwarded-For address, which the client writes; set the number of proxies in front (e.g. 1) or their addresses (e.g. 10.0.0.5)',
      ]);
    });
  });
});
