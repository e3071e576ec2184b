import { ERROR_MESSAGES } from '@qsgj/shared/errors';
import { createStaff, signInWechat, STAFF_PASSWORD } from './utils/factories';
import { startTestApp, type TestApp } from './utils/test-app';

/** Every kind of failure answers in the one error body, never a 500. */
function expectErrorBody(body: Record<string, unknown>, status: number, code: string) {
  expect(body).toMatchObject({ statusCode: status, code, message: expect.any(String), requestId: expect.any(String) });
  expect(body.message).toMatch(/[\u4e00-\u9fa5]/);
}

describe('HTTP edge: error bodies, headers, docs, logs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ BODY_LIMIT: '2048', AUTH_RATE_LIMIT_PER_MINUTE: '1000' });
  }, 60_000);
  afterAll(() => t?.close());

  it('unknown route → 404 ROUTE_NOT_FOUND', async () => {
    const res = await t.http.get('/api/v1/nowhere');
    expect(res.status).toBe(404);
    expectErrorBody(res.body, 404, 'ROUTE_NOT_FOUND');
  });

  it('malformed JSON → 400 BAD_JSON', async () => {
    const res = await t.http.post('/api/v1/auth/wechat').set('content-type', 'application/json').send('{"code": ');
    expect(res.status).toBe(400);
    expectErrorBody(res.body, 400, 'BAD_JSON');
  });

  it('oversized body → 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await t.http.post('/api/v1/auth/wechat').send({ code: 'x'.repeat(4096) });
    expect(res.status).toBe(413);
    expectErrorBody(res.body, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('unknown field → 400 naming it in Chinese', async () => {
    const res = await t.http.post('/api/v1/auth/wechat').send({ code: 'mock:x', isAdmin: true });
    expect(res.status).toBe(400);
    expectErrorBody(res.body, 400, 'VALIDATION_FAILED');
    expect(res.body.details).toEqual([{ field: 'isAdmin', message: '不允许的字段：isAdmin' }]);
    expect(res.body.message).toBe('不允许的字段：isAdmin');
  });

  it('wrong type → 400 with the field message', async () => {
    const res = await t.http.post('/api/v1/auth/staff').send({ username: 42, password: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual(expect.arrayContaining([{ field: 'username', message: '用户名必须是文本' }]));
  });

  it('unsupported content type → 415', async () => {
    const res = await t.http.post('/api/v1/auth/wechat').set('content-type', 'application/xml').send('<code/>');
    expect(res.status).toBe(415);
    expectErrorBody(res.body, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('no token → 401 UNAUTHENTICATED', async () => {
    const res = await t.http.get('/api/v1/me');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED', message: ERROR_MESSAGES.UNAUTHENTICATED });
  });

  it('echoes a sane X-Request-Id and uses it in the error body', async () => {
    const res = await t.http.get('/api/v1/nowhere').set('x-request-id', 'trace-abc-12345');
    expect(res.headers['x-request-id']).toBe('trace-abc-12345');
    expect(res.body.requestId).toBe('trace-abc-12345');
    const bogus = await t.http.get('/api/v1/nowhere').set('x-request-id', 'bad id with spaces <script>');
    expect(bogus.body.requestId).not.toContain('<');
  });

  it('sends security headers', async () => {
    const res = await t.http.get('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('serves OpenAPI generated from the code', async () => {
    const json = await t.http.get('/api/docs/json');
    expect(json.status).toBe(200);
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/wechat', '/api/v1/auth/staff', '/api/v1/me', '/health']),
    );
    // Request bodies are described from the shared DTO classes' validators.
    expect(json.body.paths['/api/v1/me/enterprise'].post.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/BindEnterpriseDto',
    });
    const bind = json.body.components.schemas.BindEnterpriseDto;
    expect(Object.keys(bind.properties)).toEqual(
      expect.arrayContaining(['creditCode', 'name', 'contactName', 'phoneCode']),
    );
    expect(bind.properties.name).toMatchObject({ type: 'string', maxLength: 100 });
    expect(bind.required).toEqual(expect.arrayContaining(['creditCode', 'name', 'contactName']));
    const ui = await t.http.get('/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });

  it('health reports the database', async () => {
    const res = await t.http.get('/health');
    expect(res.body).toMatchObject({
      status: 'ok',
      database: { status: 'up', driver: process.env.DATABASE_URL ? 'postgresql' : 'pglite' },
    });
    if (process.env.REDIS_URL) expect(res.body.redis.status).toBe('up');
  });

  it('never writes tokens, passwords, codes, session keys or phone numbers to the logs', async () => {
    const s = await signInWechat(t, 'log-watcher');
    const staff = await createStaff(t.ds);
    await t.http.post('/api/v1/auth/staff').send({ username: staff.username, password: STAFF_PASSWORD });
    await t.http.post('/api/v1/auth/staff').send({ username: staff.username, password: 'Wrong#Secret99' });
    await t.http.post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken });
    await t.http.get('/api/v1/nowhere?phone=13812345678&code=mock:leak').set(s.auth);
    // A log line written by the app itself with sensitive fields.
    const { Logger } = await import('@nestjs/common');
    new Logger('LeakCheck').log({
      password: 'Hunter2#x',
      session_key: 'SK-should-not-appear',
      phone: '13912345678',
      note: 'call 13712345678',
    });
    await new Promise((r) => setTimeout(r, 50));
    const all = t.logs.join('\n');
    expect(t.logs.length).toBeGreaterThan(5);
    for (const secret of [
      s.accessToken,
      s.refreshToken,
      STAFF_PASSWORD,
      'Wrong#Secret99',
      'Hunter2#x',
      'SK-should-not-appear',
      '13812345678',
      '13912345678',
      '13712345678',
      'mock:leak',
    ]) {
      expect(all).not.toContain(secret);
    }
    expect(all).toContain('137****5678');
    // Every line is JSON with a request id when it belongs to a request.
    const requestLines = t.logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.req);
    expect(requestLines.length).toBeGreaterThan(0);
    expect(requestLines.every((l) => typeof l.requestId === 'string')).toBe(true);
  });
});

describe('rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ AUTH_RATE_LIMIT_PER_MINUTE: '3' });
  }, 60_000);
  afterAll(() => t?.close());

  it('answers 429 RATE_LIMITED in the one error body after too many sign-ins', async () => {
    const statuses: number[] = [];
    let last: Record<string, unknown> = {};
    let lastHeaders: Record<string, string> = {};
    for (let i = 0; i < 5; i++) {
      const res = await t.http.post('/api/v1/auth/wechat').send({ code: `mock:r${i}` });
      statuses.push(res.status);
      last = res.body;
      lastHeaders = res.headers as Record<string, string>;
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses[4]).toBe(429);
    expectErrorBody(last, 429, 'RATE_LIMITED');
    // The standard header (the throttler itself sets only `Retry-After-auth` for this limit): whole seconds, within the minute.
    expect(lastHeaders['retry-after']).toMatch(/^\d+$/);
    expect(Number(lastHeaders['retry-after'])).toBeGreaterThan(0);
    expect(Number(lastHeaders['retry-after'])).toBeLessThanOrEqual(60);
    // Other routes are not limited by the sign-in limit.
    expect((await t.http.get('/health')).status).toBe(200);
  });
});
