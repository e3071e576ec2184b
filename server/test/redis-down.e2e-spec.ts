import { hash, randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket, connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import Redis from 'ioredis';
import { STOP_WAIT_MS } from '../src/modules/notifications/outbox-dispatcher';
import { startServerProcess } from './utils/server-process';
import { dropRedisKeys, startTestApp, type TestApp } from './utils/test-app';
import { waitFor } from './utils/wait';

/**
 * Redis down does not take the API down (issue 8, item 12): requests are still answered, rate limits
 * are counted in this process meanwhile (one error line per outage) and in Redis again once it is back,
 * /health answers 503 naming Redis, and the app still stops within a few seconds.
 * The shared Redis is never stopped: a closed port, or a TCP proxy to it that the test cuts.
 *
 * In-process apps run with NOTIFICATION_WORKER=off: BullMQ's Worker keeps reconnecting to an unreachable
 * Redis after its close() gave up, which would keep Jest alive. The worker's own stop is proven on the
 * built server: SIGTERM with Redis unreachable and the worker on ends the process within seconds
 * (the dispatcher stops without the queue after STOP_WAIT_MS). REDIS_KEY_PREFIX is given so that the
 * test app's close does not try to clean an unreachable Redis.
 */

const LIMIT = 3;
const prefix = () => `rd${randomBytes(4).toString('hex')}`;
const FALLBACK_LINE =
  'Redis unavailable: rate limits are counted in this process until it is back (each instance limits on its own)';
const BACK_LINE = 'Redis is back: rate limits are counted in Redis again';

interface LogLine {
  level: number;
  msg?: string;
  context?: string;
}
const lines = (t: TestApp, msg: string) => t.logs.map((l) => JSON.parse(l) as LogLine).filter((l) => l.msg === msg);

/** Closes the test app (the application, as on SIGTERM, then its fake WeChat and database); answers how long it took. */
async function timedClose(t: TestApp): Promise<number> {
  const started = performance.now();
  await t.close();
  return performance.now() - started;
}

function signIn(t: TestApp, ip: string, code = `mock:rd${Math.random().toString(36).slice(2, 10)}`) {
  return t.http.post('/api/v1/auth/wechat').set('x-forwarded-for', ip).send({ code });
}

async function statusesOf(t: TestApp, ip: string, n: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) statuses.push((await signIn(t, ip)).status);
  return statuses;
}

describe('Redis unreachable from the start (a closed port)', () => {
  let t: TestApp | undefined;
  afterAll(async () => {
    await t?.close();
  });

  it('answers, limits in memory with one error line, reports Redis down on /health, and stops within seconds', async () => {
    t = await startTestApp({
      REDIS_URL: 'redis://127.0.0.1:1',
      REDIS_KEY_PREFIX: prefix(),
      NOTIFICATION_WORKER: 'off',
      AUTH_RATE_LIMIT_PER_MINUTE: String(LIMIT),
      TRUST_PROXY: '1',
    });
    const health = await t.http.get('/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'degraded', database: { status: 'up' }, redis: { status: 'down' } });

    // Sign-in and a signed-in request answer; the sign-in limit still holds, counted in memory.
    const first = await signIn(t, '198.51.100.1');
    expect(first.status).toBe(200);
    const me = await t.http
      .get('/api/v1/me')
      .set('authorization', `Bearer ${(first.body as { accessToken: string }).accessToken}`);
    expect(me.status).toBe(200);
    expect(await statusesOf(t, '198.51.100.1', LIMIT)).toEqual([200, 200, 429]);
    expect(await statusesOf(t, '198.51.100.2', 1)).toEqual([200]);

    // One error line for the whole outage, not one per request.
    const fallback = lines(t, FALLBACK_LINE);
    expect(fallback).toHaveLength(1);
    expect(fallback[0]).toMatchObject({ level: 50, context: 'RateLimit' });
    expect(t.logs.join('\n')).not.toMatch(/"statusCode":500|request failed/);

    const app = t;
    t = undefined;
    expect(await timedClose(app)).toBeLessThan(5_000);
  }, 60_000);
});

describe('the built server with Redis unreachable and the notification worker on', () => {
  it('stops within seconds on SIGTERM', async () => {
    const server = await startServerProcess(
      {
        PGLITE_DATA_DIR: 'memory',
        REDIS_URL: 'redis://127.0.0.1:1',
        REDIS_KEY_PREFIX: prefix(),
        NOTIFICATION_WORKER: 'on',
        LOG_LEVEL: 'error',
      },
      90_000,
      [503],
    );
    try {
      expect((await fetch(`${server.url}/health`)).status).toBe(503);
      const started = performance.now();
      await server.stop();
      expect(performance.now() - started).toBeLessThan(STOP_WAIT_MS + 3_000);
      expect(server.output.join('')).toContain('Outbox queue did not stop in time');
    } finally {
      await server.kill9();
    }
  }, 120_000);
});

/** A TCP proxy to the real Redis, that the test can cut and restore on the same port. */
class CuttableProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.targetPort, this.targetHost);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  /** Refuses new connections and drops the open ones: Redis is gone, as far as the app can tell. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}

(process.env.REDIS_URL ? describe : describe.skip)('Redis lost mid-run and back (a TCP proxy cut)', () => {
  const real = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const proxy = new CuttableProxy(real.hostname, Number(real.port || 6379));
  const keyPrefix = prefix();
  let t: TestApp | undefined;
  let redis: Redis;
  const signinKey = (ip: string) => `${keyPrefix}:throttle:signin:${hash('sha256', `signin-${ip}`)}`;

  beforeAll(async () => {
    await proxy.start();
    const viaProxy = new URL(real.toString());
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    t = await startTestApp({
      REDIS_URL: viaProxy.toString(),
      REDIS_KEY_PREFIX: keyPrefix,
      NOTIFICATION_WORKER: 'off',
      AUTH_RATE_LIMIT_PER_MINUTE: String(LIMIT),
      TRUST_PROXY: '1',
    });
    redis = new Redis(real.toString(), { maxRetriesPerRequest: 1 });
  }, 60_000);
  afterAll(async () => {
    redis?.disconnect();
    await proxy.cut();
    await t?.close();
    await dropRedisKeys(real.toString(), keyPrefix);
  });

  it('counts in memory while Redis is away, in Redis again when it is back, and stops within seconds without it', async () => {
    const app = t!;
    // Up: counted in Redis. (The app's Redis connection opens in the background: on a loaded machine it may not be
    // ready the moment the app listens, so wait for /health to say so, bounded.)
    const upBy = Date.now() + 15_000;
    while ((await app.http.get('/health')).status !== 200 && Date.now() < upBy) await sleep(200);
    expect((await app.http.get('/health')).status).toBe(200);
    expect(await statusesOf(app, '198.51.100.11', 1)).toEqual([200]);
    expect(await redis.get(signinKey('198.51.100.11'))).toBe('1');

    await proxy.cut();
    const down = await app.http.get('/health');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'degraded', database: { status: 'up' }, redis: { status: 'down' } });
    // Still answering, still limiting — in this process: nothing reaches Redis.
    expect(await statusesOf(app, '198.51.100.12', LIMIT + 1)).toEqual([200, 200, 200, 429]);
    expect(await redis.exists(signinKey('198.51.100.12'))).toBe(0);
    expect(lines(app, FALLBACK_LINE)).toHaveLength(1);
    expect(lines(app, FALLBACK_LINE)[0]).toMatchObject({ level: 50, context: 'RateLimit' });

    // Back on the same port: the client reconnects by itself.
    await proxy.start();
    await waitFor('/health 200 with Redis back', async () => (await app.http.get('/health')).status === 200, 15_000);
    expect(await statusesOf(app, '198.51.100.13', 1)).toEqual([200]);
    expect(await redis.get(signinKey('198.51.100.13'))).toBe('1');
    expect(lines(app, BACK_LINE)).toHaveLength(1);
    expect(lines(app, FALLBACK_LINE)).toHaveLength(1);

    // Gone again, then SIGTERM: the app stops within a few seconds all the same.
    await proxy.cut();
    expect(await statusesOf(app, '198.51.100.14', 1)).toEqual([200]);
    expect(lines(app, FALLBACK_LINE)).toHaveLength(2);
    t = undefined;
    expect(await timedClose(app)).toBeLessThan(5_000);
  }, 90_000);
});

describe('/health with the database down', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(() => t?.close());
  afterEach(() => jest.restoreAllMocks());

  it('answers 503 naming the database when a query fails, and 200 again once it answers', async () => {
    jest.spyOn(t.ds, 'query').mockRejectedValue(new Error('Connection terminated unexpectedly'));
    const res = await t.http.get('/health');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 'degraded', database: { status: 'down' } });
    jest.restoreAllMocks();
    const again = await t.http.get('/health');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'ok', database: { status: 'up' } });
  });

  it('answers 503 within about 2 s when the database does not answer at all', async () => {
    jest.spyOn(t.ds, 'query').mockReturnValue(new Promise(() => undefined));
    const started = performance.now();
    const res = await t.http.get('/health');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 'degraded', database: { status: 'down' } });
    expect(performance.now() - started).toBeLessThan(4_000);
  });
});
