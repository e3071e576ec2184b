import { Client } from 'pg';
import { encodeCursor } from '@qsgj/shared/rules';
import { ERROR_MESSAGES } from '@qsgj/shared/errors';
import { Role } from '@qsgj/shared/enums';
import { BAD_URL_MESSAGE, DATA_EXCEPTION_MESSAGE, toErrorBody } from '../src/common/errors/all-exceptions.filter';
import { JSON_TOO_DEEP_MESSAGE } from '../src/common/json-body';
import { freshDatabase } from './utils/database';
import { createStaff, signInWechat, STAFF_PASSWORD, staffSession } from './utils/factories';
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

/** `[[[…]]]` nested `depth` times around `inner`. */
const nested = (depth: number, inner = '') => '['.repeat(depth) + inner + ']'.repeat(depth);

describe('bad input never reaches the database as a 500', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ AUTH_RATE_LIMIT_PER_MINUTE: '100000' });
  }, 60_000);
  afterAll(() => t?.close());

  const postJson = (path: string, text: string) => t.http.post(path).set('content-type', 'application/json').send(text);

  it('refuses JSON nested deeper than 32 levels before parsing it: 400 with its own message', async () => {
    // 20 KB of `[`: a stack overflow in class-transformer (500) before the limit.
    const deep = await postJson('/api/v1/auth/wechat', nested(10_000));
    expect(deep.status).toBe(400);
    expectErrorBody(deep.body, 400, 'BAD_JSON');
    expect(deep.body.message).toBe(JSON_TOO_DEEP_MESSAGE);
    // The boundary: 32 levels (the object and 31 arrays) parse and reach validation; 33 do not.
    const at32 = await postJson('/api/v1/auth/wechat', `{"code":${nested(31, '"x"')}}`);
    expect(at32.status).toBe(400);
    expect(at32.body).toMatchObject({ code: 'VALIDATION_FAILED', message: '登录凭证必须是文本' });
    const at33 = await postJson('/api/v1/auth/wechat', `{"code":${nested(32, '"x"')}}`);
    expect(at33.body).toMatchObject({ code: 'BAD_JSON', message: JSON_TOO_DEEP_MESSAGE });
    // Brackets inside a string (escaped quotes too) are text, not nesting.
    const inString = await postJson('/api/v1/auth/wechat', `{"code":"\\"${'['.repeat(300)}"}`);
    expect(inString.body).toMatchObject({ code: 'VALIDATION_FAILED', message: '登录凭证过长（最多 256 个字符）' });
    // Prototype-poisoning keys are still refused by the parser.
    const poisoned = await postJson('/api/v1/auth/wechat', '{"code":"mock:x","__proto__":{"isAdmin":true}}');
    expect(poisoned.body).toMatchObject({ statusCode: 400, code: 'BAD_JSON' });
  });

  it('refuses deep 800 KB bodies before parsing them, while /health still answers', async () => {
    const SIZE = 400_000; // 800 KB of brackets
    const body = nested(SIZE);
    // Unfixed, JSON.parse built the 400,000-level tree and class-transformer overflowed the stack on
    // it (/health waited ~5 s behind ten of them). The check counts brackets first, so the parser
    // never sees such a body: proven by what reaches JSON.parse, not by a clock.
    const parse = jest.spyOn(JSON, 'parse');
    try {
      const posts = Array.from({ length: 10 }, () => postJson('/api/v1/auth/wechat', body));
      const health = await t.http.get('/health');
      expect(health.status).toBe(200);
      const answers = await Promise.all(posts);
      expect(answers.map((r) => r.status)).toEqual(Array(10).fill(400));
      expect(answers[0].body).toMatchObject({ code: 'BAD_JSON', message: JSON_TOO_DEEP_MESSAGE });
      const parsedDeep = parse.mock.calls.filter(
        ([text]) => typeof text === 'string' && text.startsWith('[[[['),
      ).length;
      expect(parsedDeep).toBe(0);
      // The spy is live: a flat body as large is parsed (and then refused by validation).
      const flat = await postJson('/api/v1/auth/wechat', JSON.stringify({ code: 'x'.repeat(SIZE * 2 - 12) }));
      expect(flat.status).toBe(400);
      expect(parse.mock.calls.some(([text]) => typeof text === 'string' && text.length >= SIZE * 2 - 12)).toBe(true);
    } finally {
      parse.mockRestore();
    }
  }, 60_000);

  it('refuses NUL and lone surrogates in any text of a body, a query or a path, in Chinese', async () => {
    const s = await signInWechat(t);
    const admin = await staffSession(t, Role.ADMIN);
    const nul = await t.http.patch('/api/v1/me').set(s.auth).send({ nickname: 'a\u0000b' });
    expect(nul.status).toBe(400);
    expect(nul.body.details).toEqual([{ field: 'nickname', message: 'nickname 含有不允许的空字符（U+0000）' }]);
    const nested = await t.http
      .patch(`/api/v1/admin/staff/${admin.entity.id}`)
      .set(admin.auth)
      .send({ specialties: ['政策', 'x\u0000'] });
    expect(nested.body.details).toEqual([{ field: 'specialties.1', message: expect.stringContaining('空字符') }]);
    const surrogate = await t.http.post('/api/v1/admin/departments').set(admin.auth).send({ name: '部门\ud800' });
    expect(surrogate.status).toBe(400);
    expect(surrogate.body.message).toContain('不成对的 UTF-16 代理项');
    for (const query of ['action=a%00b', 'targetId=%00']) {
      const res = await t.http.get(`/api/v1/admin/audit?${query}`).set(admin.auth);
      expect(res.status).toBe(400);
      expectErrorBody(res.body, 400, 'VALIDATION_FAILED');
      expect(res.body.message).toContain('空字符');
    }
    const staffQuery = await t.http.get('/api/v1/admin/staff?q=%00').set(admin.auth);
    expect(staffQuery.body).toMatchObject({ statusCode: 400, message: 'q 含有不允许的空字符（U+0000）' });
    // A path Fastify cannot decode: the one error body, not Fastify's own.
    const badPath = await t.http.post('/api/v1/notifications/%ED%A0%80/read').set(s.auth);
    expect(badPath.status).toBe(400);
    expectErrorBody(badPath.body, 400, 'VALIDATION_FAILED');
    expect(badPath.body.message).toBe(BAD_URL_MESSAGE);
    expect(Object.keys(badPath.body).sort()).toEqual(['code', 'message', 'requestId', 'statusCode']);
  });

  it('counts text length as the column does: code points, variation selectors included', async () => {
    const s = await signInWechat(t);
    // 30 characters in the column (varchar(30)); class-validator's MaxLength counted 29 and the database refused it.
    const over = await t.http
      .patch('/api/v1/me')
      .set(s.auth)
      .send({ nickname: 'a'.repeat(30) + '\ufe0f' });
    expect(over.status).toBe(400);
    expect(over.body).toMatchObject({ code: 'VALIDATION_FAILED', message: '昵称不能超过 30 个字符' });
    const astral = await t.http
      .patch('/api/v1/me')
      .set(s.auth)
      .send({ nickname: '😀'.repeat(30) });
    expect(astral.status).toBe(200);
    expect(astral.body.nickname).toBe('😀'.repeat(30));
    const exact = await t.http
      .patch('/api/v1/me')
      .set(s.auth)
      .send({ nickname: 'a'.repeat(29) + '\ufe0f' });
    expect(exact.status).toBe(200);
    const [row] = (await t.ds.query('SELECT length(nickname) AS n FROM users WHERE id = $1', [s.user.id])) as Array<{
      n: number;
    }>;
    expect(Number(row.n)).toBe(30);
  });

  it('validates dates strictly and refuses a cursor beyond the integer column', async () => {
    const admin = await staffSession(t, Role.ADMIN);
    for (const from of ['20261130', '2026-W48', '2026-335', '2026-02-30', '2026-11-30T08:00:00']) {
      const res = await t.http.get(`/api/v1/admin/audit?from=${from}`).set(admin.auth);
      expect({ from, status: res.status, field: res.body.details?.[0]?.field }).toEqual({
        from,
        status: 400,
        field: 'from',
      });
      expect(res.body.message).toContain('YYYY-MM-DD');
    }
    const ok = await t.http.get('/api/v1/admin/audit?from=2026-11-30&to=2026-12-01T08:00:00%2B08:00').set(admin.auth);
    expect(ok.status).toBe(200);
    const cursor = encodeCursor({ k: '2026-11-30T00:00:00.000Z', id: 2 ** 40 });
    const res = await t.http.get(`/api/v1/admin/audit?cursor=${cursor}`).set(admin.auth);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', message: '游标格式错误' });
  });

  it('says what is wrong: one message per field, the one that applies', async () => {
    const missing = await t.http.post('/api/v1/auth/wechat').send({});
    expect(missing.body).toMatchObject({
      message: '缺少微信登录凭证',
      details: [{ field: 'code', message: '缺少微信登录凭证' }],
    });
    const notText = await t.http.post('/api/v1/auth/wechat').send({ code: 42 });
    expect(notText.body.details).toEqual([{ field: 'code', message: '登录凭证必须是文本' }]);
    const noBody = await t.http.post('/api/v1/auth/wechat');
    expect(noBody.body.message).toBe('缺少微信登录凭证');
    const tooLong = await t.http.post('/api/v1/auth/wechat').send({ code: 'x'.repeat(257) });
    expect(tooLong.body.message).toBe('登录凭证过长（最多 256 个字符）');
    const notObject = await postJson('/api/v1/auth/wechat', '["mock:x"]');
    expect(notObject.body).toMatchObject({ statusCode: 400, message: expect.stringContaining('JSON 对象') });

    const s = await signInWechat(t);
    const abc = await t.http.get('/api/v1/notifications?limit=abc').set(s.auth);
    expect(abc.body.details).toEqual([{ field: 'limit', message: '每页条数必须是整数' }]);
    const big = await t.http.get('/api/v1/notifications?limit=51').set(s.auth);
    expect(big.body.message).toBe('每页最多 50 条');
    const shortTemplate = await t.http
      .post('/api/v1/notifications/grants')
      .set(s.auth)
      .send({ results: { '': 'accept' } });
    expect(shortTemplate.body.message).toBe('模板编号须为 1 至 128 位字母、数字、下划线或短横线');
    // Found by the fuzzer: null for a NOT NULL setting reached the database (500).
    const nullFont = await t.http.patch('/api/v1/me').set(s.auth).send({ largeFont: null });
    expect(nullFont.body).toMatchObject({ statusCode: 400, message: '长辈版开关必须是布尔值（true 或 false）' });
    const badAnswer = await t.http
      .post('/api/v1/notifications/grants')
      .set(s.auth)
      .send({ results: { tpl: 'yes' } });
    expect(badAnswer.body.message).toBe('每个模板的订阅结果只能是 accept、reject、ban 或 filter');
  });

  it('maps a data exception the database raises to 400 (PostgreSQL and PGlite raise the same SQLSTATE)', async () => {
    for (const [sql, params, sqlstate] of [
      ['SELECT $1::int AS v', [2 ** 40], '22003'],
      ['SELECT $1::text AS v', ['a\u0000b'], '22021'],
      ['SELECT $1::date AS v', ['2026-02-30'], '22008'],
      ['SELECT $1::varchar(2)::char(1)::int AS v', ['xy'], '22P02'],
    ] as const) {
      const error = await t.ds.query(sql, [...params]).then(
        () => null,
        (e: unknown) => e,
      );
      expect({ sql, code: (error as { code?: string } | null)?.code }).toEqual({ sql, code: sqlstate });
      expect(toErrorBody(error, 'rid').body).toEqual({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: DATA_EXCEPTION_MESSAGE,
        requestId: 'rid',
      });
    }
    // A null where the column needs a value (23502) is the request's fault too.
    const notNull = await t.ds
      .transaction(async (m) => {
        await m.query('CREATE TEMP TABLE h8_not_null (v int NOT NULL) ON COMMIT DROP');
        await m.query('INSERT INTO h8_not_null (v) VALUES ($1)', [null]);
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect((notNull as { code?: string }).code).toBe('23502');
    expect(toErrorBody(notNull, 'rid').body).toMatchObject({ statusCode: 400, message: DATA_EXCEPTION_MESSAGE });
  });

  it('maps a unique or foreign-key violation no service answered to 409, never 500 (real SQLSTATEs)', async () => {
    const violation = (statements: string[]) =>
      t.ds
        .transaction(async (m) => {
          for (const sql of statements) await m.query(sql);
        })
        .then(
          () => null,
          (e: unknown) => e,
        );
    const unique = await violation([
      'CREATE TEMP TABLE h8_unique (v int UNIQUE) ON COMMIT DROP',
      'INSERT INTO h8_unique (v) VALUES (1), (1)',
    ]);
    const foreign = await violation([
      'CREATE TEMP TABLE h8_parent (id int PRIMARY KEY) ON COMMIT DROP',
      'CREATE TEMP TABLE h8_child (parent int REFERENCES h8_parent (id)) ON COMMIT DROP',
      'INSERT INTO h8_child (parent) VALUES (7)',
    ]);
    for (const [error, sqlstate] of [
      [unique, '23505'],
      [foreign, '23503'],
    ] as const) {
      expect((error as { code?: string }).code).toBe(sqlstate);
      expect(toErrorBody(error, 'rid').body).toEqual({
        statusCode: 409,
        code: 'CONCURRENT_CHANGE',
        message: '数据刚被其他操作修改，请刷新后重试',
        requestId: 'rid',
      });
    }
    // Anything else the database raises is still a 500 (a bug to fix, not the client's fault).
    const other = await violation([`DO $$ BEGIN RAISE EXCEPTION 'boom'; END $$`]);
    expect(toErrorBody(other, 'rid').body.statusCode).toBe(500);
  });
});

describe('a dropped database connection', () => {
  const url = process.env.DATABASE_URL;
  const onPostgres = url ? it : it.skip;
  let t: TestApp;
  beforeAll(async () => {
    if (url) t = await startTestApp();
  }, 60_000);
  afterAll(() => t?.close());

  onPostgres(
    'answers 503 with Retry-After while the connection is gone, and recovers (PostgreSQL)',
    async () => {
      const s = await signInWechat(t);
      const dbUrl = t.ds.options.type === 'postgres' ? (t.ds.options as { url?: string }).url : undefined;
      const admin = new Client({ connectionString: dbUrl });
      await admin.connect();
      try {
        // Hold the sessions table so the request's first query waits on a connection we can then cut.
        await admin.query('BEGIN');
        await admin.query('LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE');
        const pending = t.http
          .get('/api/v1/me')
          .set(s.auth)
          .then((r) => r);
        let terminated = 0;
        for (let i = 0; i < 100 && terminated === 0; i++) {
          await new Promise((r) => setTimeout(r, 50));
          const rows = (await admin.query(
            `SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`,
          )) as { rows: unknown[] };
          terminated = rows.rows.length;
        }
        expect(terminated).toBeGreaterThan(0);
        const res = await pending;
        expect(res.status).toBe(503);
        expectErrorBody(res.body, 503, 'SERVICE_UNAVAILABLE');
        expect(res.headers['retry-after']).toBe('5');
        await admin.query('ROLLBACK');
        expect((await t.http.get('/api/v1/me').set(s.auth)).status).toBe(200);
        expect(t.logs.some((l) => l.includes('Database unavailable'))).toBe(true);
      } finally {
        await admin.end();
      }
    },
    30_000,
  );

  it('maps what pg and PGlite raise for a lost connection to 503 (the shapes they throw)', async () => {
    const shapes: unknown[] = [
      new Error('Connection terminated unexpectedly'), // pg, socket closed mid-query
      new Error('Connection terminated due to connection timeout'),
      new Error('timeout exceeded when trying to connect'), // pg-pool
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
      Object.assign(new Error('connection failure'), { code: '08006' }),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('Query failed'), { driverError: new Error('Connection terminated unexpectedly') }),
      new Error('PGlite is closed'), // PGlite, a query after close()
    ];
    for (const error of shapes) {
      const { body, headers } = toErrorBody(error, 'rid');
      expect({ error: String(error), status: body.statusCode, headers }).toEqual({
        error: String(error),
        status: 503,
        headers: { 'retry-after': '5' },
      });
      expect(body.code).toBe('SERVICE_UNAVAILABLE');
    }
    // Not every error is the database's: an unknown one is still a 500.
    expect(toErrorBody(new Error('boom'), 'rid').body.statusCode).toBe(500);
    expect(toErrorBody(Object.assign(new Error('unique'), { code: '23505' }), 'rid').body.statusCode).toBe(409);
  });
});

describe('API docs in production', () => {
  // Production needs these set; the app itself runs on the test database given to it.
  const production = {
    NODE_ENV: 'production',
    DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://unused@127.0.0.1/unused',
  };

  it('are off unless API_DOCS=on', async () => {
    const db = await freshDatabase({ onDisk: true });
    try {
      for (const [env, expected] of [
        [{}, 404],
        [{ API_DOCS: 'on' }, 200],
        [{ API_DOCS: 'off', NODE_ENV: 'development' }, 404],
      ] as const) {
        const t = await startTestApp({ ...production, ...env }, { database: db });
        try {
          const ui = await t.http.get('/api/docs');
          const json = await t.http.get('/api/docs/json');
          expect({ env, ui: ui.status, json: json.status }).toEqual({ env, ui: expected, json: expected });
          if (expected === 404) expectErrorBody(json.body, 404, 'ROUTE_NOT_FOUND');
          else expect(json.body.paths['/api/v1/me']).toBeDefined();
          expect((await t.http.get('/health')).status).toBe(200);
        } finally {
          await t.close();
        }
      }
    } finally {
      await db.drop();
    }
  }, 120_000);
});
