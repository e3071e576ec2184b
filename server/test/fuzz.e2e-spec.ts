import { randomUUID } from 'node:crypto';
import { ModulesContainer } from '@nestjs/core';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import fc from 'fast-check';
import type { AuthConfigResponse } from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import { DATA_EXCEPTION_MESSAGE } from '../src/common/errors/all-exceptions.filter';
import { makeCreditCode, type SignedIn, signInWechat, staffSession } from './utils/factories';
import { startTestApp, type TestApp } from './utils/test-app';

/**
 * The fuzzer: every route of the OpenAPI document gets bodies, query strings and path parameters made
 * from its DTO's schema and from hostile variations of it (wrong types, NUL, huge and deep values,
 * unicode edge cases, numbers as text, arrays for scalars, prototype-pollution keys), sent by a
 * signed-in caller the route lets in, so they reach validation and the handler. Every answer must be
 * below 500; every 4xx the one error body with a Chinese message, and from validation, not from the
 * database (whose data exceptions the error filter also answers 400); a refused request writes no row.
 *
 * A new route is covered without a line here: its DTOs are found from the route's handler (its
 * `@Body()` and `@Query()` parameter types) and their schemas from the document. `FUZZ_RUNS`
 * (default 8) sets the requests per route, `FUZZ_SEED` replays a failure.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 8);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const TEMPLATE = 'tpl-fuzz-membership';

interface Schema {
  type?: string;
  $ref?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
}

interface Operation {
  method: string;
  path: string;
  operationId: string;
  secured: boolean;
  pathParams: string[];
  body?: Schema;
  query?: Schema;
}

/** A request as sent: path, raw query string, raw JSON text (or none). */
interface FuzzRequest {
  path: string;
  query: string;
  body?: string;
}

// ---------------------------------------------------------------------------------------------
// Hostile values

const NUL = 'a\u0000b';
const LONE_HIGH = 'x\ud800y';
const LONE_LOW = '\udc00';
const HUGE = 'x'.repeat(200_000);
const HUGE_ASTRAL = '😀'.repeat(50_000);
const RTL = '\u202e\u200fمرحبا\u202c';
const ZWJ = '👩‍👩‍👧‍👦';
const COMBINING = 'e\u0301\u0301\u0301';

/** Text the column cannot hold or the validator might miscount, at a given length limit. */
function trickyText(max = 30): fc.Arbitrary<string> {
  return fc.constantFrom(
    NUL,
    LONE_HIGH,
    LONE_LOW,
    'a'.repeat(max) + '\ufe0f', // one code point over: class-validator's MaxLength did not count it
    'a'.repeat(Math.max(0, max - 1)) + '\ufe0e',
    '😀'.repeat(max), // exactly max code points, 2 × max UTF-16 units
    '😀'.repeat(max + 1),
    'é'.repeat(max) + '\u0301',
    RTL,
    ZWJ,
    COMBINING,
    '\ufeff',
    '   ',
    '',
    "' OR 1=1 --",
    '%_\\',
    '${jndi:x}',
    '1',
    '-0',
    '1e309',
    'NaN',
    'Infinity',
    '0x10',
    'true',
    'null',
    '2026-02-30',
    '20261130',
    '2026-W48',
    '2026-11-30T24:00:00Z',
    '99999-01-01',
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
  );
}

/** Any JSON value of the wrong shape. */
const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(2 ** 31, 2 ** 53 + 1, -1, 0, 1e308, -0),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

/** Nested arrays and objects: a few levels, or past the parser's limit. */
const deep: fc.Arbitrary<unknown> = fc.constantFrom(8, 31, 40, 2000).map((depth) => {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { k: v };
  return v;
});

const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: trickyText() },
  { weight: 3, arbitrary: wrongType },
  { weight: 1, arbitrary: fc.constantFrom(HUGE, HUGE_ASTRAL) },
  { weight: 1, arbitrary: deep },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
);

/** Keys that must never reach an object's prototype or pass as DTO fields. */
const POLLUTING_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '',
  'a\u0000b',
  '\ud800',
];

// ---------------------------------------------------------------------------------------------
// Values from the schema

interface Pools {
  ids: string[];
  plausible: Record<string, fc.Arbitrary<unknown>>;
}

function deref(schema: Schema | undefined, components: Record<string, Schema>): Schema | undefined {
  if (!schema?.$ref) return schema;
  return components[schema.$ref.split('/').pop()!];
}

/** A value the schema describes (or as close as a schema without the custom rules can say). */
function fromSchema(
  schema: Schema,
  name: string,
  pools: Pools,
  components: Record<string, Schema>,
): fc.Arbitrary<unknown> {
  const s = deref(schema, components) ?? {};
  const known = pools.plausible[name];
  const options: fc.Arbitrary<unknown>[] = known ? [known] : [];
  if (s.enum) options.push(fc.constantFrom(...s.enum));
  else if (s.format === 'uuid') options.push(fc.constantFrom(...pools.ids), fc.uuid());
  else if (s.type === 'string' && s.pattern) {
    options.push(fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length <= (s.maxLength ?? 200)));
  } else if (s.type === 'string') {
    options.push(
      fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 60), unit: 'grapheme' }),
    );
  } else if (s.type === 'number' || s.type === 'integer') {
    options.push(fc.integer({ min: s.minimum ?? -5, max: s.maximum ?? 1000 }));
  } else if (s.type === 'boolean') options.push(fc.boolean());
  else if (s.type === 'array') {
    options.push(fc.array(fromSchema(s.items ?? {}, name, pools, components), { maxLength: s.maxItems ?? 3 }));
  } else if (s.type === 'object' && s.properties) options.push(objectFromSchema(s, pools, components));
  if (options.length === 0) options.push(fc.string({ maxLength: 20 }));
  return fc.oneof(...options);
}

/** An object of the schema's fields, each left out, valid-looking, or hostile; plus stray keys. */
function objectFromSchema(
  schema: Schema,
  pools: Pools,
  components: Record<string, Schema>,
): fc.Arbitrary<Array<[string, unknown]>> {
  const fields = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  const perField = fields.map(([name, fieldSchema]) =>
    fc
      .oneof(
        { weight: required.has(name) ? 1 : 3, arbitrary: fc.constant(undefined) },
        { weight: 6, arbitrary: fromSchema(fieldSchema, name, pools, components) },
        { weight: 3, arbitrary: hostile },
        {
          weight: 1,
          arbitrary: fromSchema(fieldSchema, name, pools, components).map((v) => [v]), // an array for a scalar
        },
        {
          weight: 1,
          arbitrary: fromSchema(fieldSchema, name, pools, components).map((v) =>
            typeof v === 'number' || typeof v === 'boolean' ? String(v) : v,
          ), // numbers and booleans as text
        },
      )
      .map((value): [string, unknown] => [name, value]),
  );
  const stray = fc.array(
    fc.tuple(
      fc.oneof(fc.constantFrom(...POLLUTING_KEYS), fc.string({ maxLength: 8 })),
      fc.oneof(wrongType, trickyText()),
    ),
    { maxLength: 2 },
  );
  return fc
    .tuple(fc.tuple(...perField), fc.oneof({ weight: 4, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: stray }))
    .map(([own, extra]) => [...own.filter(([, v]) => v !== undefined), ...(extra as Array<[string, unknown]>)]);
}

/** JSON text of an object given as entries: keys such as `__proto__` are written as they are. */
function jsonObject(entries: Array<[string, unknown]>): string {
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`;
}

/** A query string: arrays repeat the key, objects are sent as JSON text, every part percent-encoded. */
function queryString(entries: Array<[string, unknown]>): string {
  // Node answers a request line over 16 KB itself (431, no body): stay well within it.
  const part = (text: string) => percentEncode(text.slice(0, 500));
  let query = '';
  for (const [k, v] of entries.flatMap(([k, v]) =>
    (Array.isArray(v) ? v.slice(0, 5) : [v]).map((one) => [k, one] as const),
  )) {
    const next = `${part(k)}=${part(typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))}`;
    if (query.length + next.length > 8000) break;
    query += (query ? '&' : '') + next;
  }
  return query;
}

/** encodeURIComponent, except that a lone surrogate (which it refuses) is sent as the bytes it would be. */
function percentEncode(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff)
      out += `%${(0xe0 | (c >> 12)).toString(16)}%${(0x80 | ((c >> 6) & 63)).toString(16)}%${(0x80 | (c & 63)).toString(16)}`;
    else out += encodeURIComponent(ch);
  }
  return out;
}

/** A path parameter: a real id, a random one, or something that is no id at all. */
function pathParam(pools: Pools): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...pools.ids).map(encodeURIComponent) },
    { weight: 2, arbitrary: fc.uuid().map(encodeURIComponent) },
    {
      weight: 3,
      arbitrary: fc.oneof(
        trickyText().map((t) => percentEncode(t.slice(0, 300))),
        fc.constantFrom('%00', '%ED%A0%80', '%FF', '%', '..%2F..%2Fetc', '1', '-1', '99999999999', 'x'.repeat(150)),
      ),
    },
  );
}

function requestArbitrary(op: Operation, pools: Pools, components: Record<string, Schema>): fc.Arbitrary<FuzzRequest> {
  const params = op.pathParams.length
    ? fc.tuple(...op.pathParams.map(() => pathParam(pools)))
    : fc.constant([] as string[]);
  const query = op.query
    ? fc.oneof(
        { weight: 6, arbitrary: objectFromSchema(op.query, pools, components) },
        { weight: 1, arbitrary: fc.constant<Array<[string, unknown]>>([]) },
      )
    : fc.oneof(
        fc.constant<Array<[string, unknown]>>([]),
        fc.array(fc.tuple(fc.string({ maxLength: 6 }), hostile), { maxLength: 2 }),
      );
  const withBody = !['GET', 'DELETE'].includes(op.method);
  const body: fc.Arbitrary<string | undefined> = !withBody
    ? fc.constant(undefined)
    : fc.oneof(
        {
          weight: 8,
          arbitrary: op.body ? objectFromSchema(op.body, pools, components).map(jsonObject) : fc.constant('{}'),
        },
        { weight: 1, arbitrary: hostile.map((v) => JSON.stringify(v) ?? 'null') }, // not an object at all
        {
          weight: 1,
          arbitrary: fc.constantFrom('[]', 'null', '"x"', '0', '{"a":1}', '['.repeat(50_000) + ']'.repeat(50_000)),
        },
      );
  return fc.record({ params, query, body }).map(({ params: values, query: q, body: b }) => {
    let path = op.path;
    op.pathParams.forEach((name, i) => (path = path.replace(`{${name}}`, values[i])));
    return { path, query: queryString(q), body: b };
  });
}

/** The values every field of every DTO is sent once, each in an otherwise plausible request. */
function targetedValues(schema: Schema, plausible: unknown): unknown[] {
  const text = typeof plausible === 'string' && plausible.length > 0 ? plausible : 'abc';
  const max = schema.maxLength ?? 30;
  return [
    text.slice(0, 1) + '\u0000' + text.slice(1), // NUL inside an otherwise good value
    text + '\ud800', // a lone surrogate after it
    'a'.repeat(max) + '\ufe0f', // one character over, by the column's count
    null,
    [plausible],
    12345678901,
  ];
}

/**
 * One request per field × targeted value (the rest of the request plausible): a systematic sweep
 * before the random runs, so that a rule that stops holding is found whatever the seed.
 */
function targetedRequests(
  op: Operation,
  pools: Pools,
  components: Record<string, Schema>,
  seed: number,
): FuzzRequest[] {
  const sampleOf = <T>(arb: fc.Arbitrary<T>): T => fc.sample(arb, { numRuns: 1, seed })[0];
  const plausibleObject = (schema: Schema): Array<[string, unknown]> =>
    Object.entries(schema.properties ?? {}).map(([name, field]) => [
      name,
      sampleOf(fromSchema(field, name, pools, components)),
    ]);
  let path = op.path;
  for (const name of op.pathParams) path = path.replace(`{${name}}`, encodeURIComponent(pools.ids[0]));
  const baseQuery = op.query ? plausibleObject(op.query) : [];
  const baseBody = op.body ? plausibleObject(op.body) : [];
  const requests: FuzzRequest[] = [];
  const withBody = !['GET', 'DELETE'].includes(op.method);
  const bodyText = (entries: Array<[string, unknown]>) => (withBody ? jsonObject(entries) : undefined);
  baseQuery.forEach(([name, value], i) => {
    for (const bad of targetedValues(op.query!.properties![name], value)) {
      if (bad === null) continue; // a query string has no null
      const entries = baseQuery.map((e, j): [string, unknown] => (j === i ? [name, bad] : e));
      requests.push({ path, query: queryString(entries), body: bodyText(baseBody) });
    }
  });
  baseBody.forEach(([name, value], i) => {
    for (const bad of targetedValues(op.body!.properties![name], value)) {
      const entries = baseBody.map((e, j): [string, unknown] => (j === i ? [name, bad] : e));
      requests.push({ path, query: queryString(baseQuery), body: bodyText(entries) });
    }
  });
  return requests;
}

// ---------------------------------------------------------------------------------------------
// The application's routes, their DTOs and schemas

/** The `@Body()` and `@Query()` DTO classes of a handler, from Nest's own metadata. */
function handlerDtos(app: TestApp['app'], operationId: string): { body?: string; query?: string } {
  const [controllerName, method] = operationId.split('_');
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!type || type.name !== controllerName) continue;
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, type, method) ?? {}) as Record<
        string,
        { index: number; data?: unknown }
      >;
      const types = (Reflect.getMetadata('design:paramtypes', type.prototype, method) ?? []) as Array<{
        name?: string;
      }>;
      const found: { body?: string; query?: string } = {};
      for (const [key, arg] of Object.entries(args)) {
        const kind = Number(key.split(':')[0]);
        if (arg.data !== undefined) continue; // @Body('field'): not a DTO
        if (kind === RouteParamtypes.BODY) found.body = types[arg.index]?.name;
        if (kind === RouteParamtypes.QUERY) found.query = types[arg.index]?.name;
      }
      return found;
    }
  }
  throw new Error(`no controller found for ${operationId}`);
}

// ---------------------------------------------------------------------------------------------

/** Rows in every table, except audit rows of refusals and failures (recording those is the audit log's job). */
async function rowCounts(t: TestApp, tables: string[]): Promise<Record<string, number>> {
  const parts = tables.map((table) =>
    table === 'audit_log'
      ? `(SELECT count(*) FROM "audit_log" WHERE outcome = 'success')::int AS "${table}"`
      : `(SELECT count(*) FROM "${table}")::int AS "${table}"`,
  );
  const [row] = (await t.ds.query(`SELECT ${parts.join(', ')}`)) as Array<Record<string, number>>;
  return row;
}

const CHINESE = /[\u4e00-\u9fff]/;
const ERROR_KEYS = new Set(['statusCode', 'code', 'message', 'details', 'requestId']);

function problemWith(status: number, body: unknown): string | null {
  if (status >= 500) return `answered ${status}`;
  if (status < 400) return null;
  const b = body as Record<string, unknown> | null;
  if (!b || typeof b !== 'object') return `answered ${status} without the error body`;
  const extra = Object.keys(b).filter((k) => !ERROR_KEYS.has(k));
  if (b.statusCode !== status || typeof b.code !== 'string' || typeof b.requestId !== 'string' || extra.length) {
    return `answered ${status} with a body not in the one error shape: ${JSON.stringify(b).slice(0, 200)}`;
  }
  // The error filter turns a value the database refused into a 400 too; the fuzzer wants validation to have caught it.
  if (b.message === DATA_EXCEPTION_MESSAGE) return `answered ${status}, but from the database, not validation`;
  if (typeof b.message !== 'string' || !CHINESE.test(b.message))
    return `answered ${status} with a message not in Chinese: ${String(b.message)}`;
  return null;
}

describe('fuzzing every route', () => {
  let t: TestApp;
  let operations: Operation[];
  let components: Record<string, Schema>;
  let pools: Pools;
  let tables: string[];
  let consentVersion: string;
  let ownerCreditCode: string;

  async function consent(s: SignedIn): Promise<void> {
    const res = await t.http.post('/api/v1/me/consent').set(s.auth).send({ version: consentVersion });
    if (res.status >= 300) throw new Error(`consent failed: ${res.status} ${JSON.stringify(res.body)}`);
  }

  async function bound(creditCode: string): Promise<SignedIn> {
    const s = await signInWechat(t);
    await consent(s);
    const res = await t.http
      .post('/api/v1/me/enterprise')
      .set(s.auth)
      .send({ creditCode, name: '湘潭模糊测试有限公司', contactName: '孙八' });
    if (res.status >= 300) throw new Error(`bind failed: ${res.status} ${JSON.stringify(res.body)}`);
    return s;
  }

  /** Callers in the order they are tried: the first a route lets in (not 401/403) sends its requests. */
  const callers: Array<() => Promise<SignedIn>> = [
    () => bound(makeCreditCode()),
    () => staffSession(t, Role.ADMIN),
    () => staffSession(t, Role.SUPERVISOR),
    () => staffSession(t, Role.BUTLER),
  ];

  beforeAll(async () => {
    t = await startTestApp({ WECHAT_TEMPLATE_MEMBERSHIP: TEMPLATE });
    consentVersion = ((await t.http.get('/api/v1/auth/config')).body as AuthConfigResponse).consentVersion;
    const doc = await t.http.get('/api/docs/json');
    if (doc.status !== 200) throw new Error(`no OpenAPI document: ${doc.status}`);
    components = doc.body.components.schemas as Record<string, Schema>;
    const paths = doc.body.paths as Record<
      string,
      Record<string, { operationId: string; security?: unknown[]; parameters?: Array<{ in: string; name: string }> }>
    >;
    operations = Object.entries(paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => {
        const dtos = handlerDtos(t.app, op.operationId);
        return {
          method: method.toUpperCase(),
          path,
          operationId: op.operationId,
          secured: Boolean(op.security?.length),
          pathParams: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
          body: dtos.body ? components[dtos.body] : undefined,
          query: dtos.query ? components[dtos.query] : undefined,
        };
      }),
    );

    // Something for every id to point at: an enterprise with an owner, a pending applicant and a
    // notification; departments and staff; a page cursor of a real list.
    ownerCreditCode = makeCreditCode();
    const owner = await bound(ownerCreditCode);
    await bound(ownerCreditCode); // a pending applicant, and a notification for the owner
    const admin = await staffSession(t, Role.ADMIN);
    await staffSession(t, Role.BUTLER);
    const page = await t.http.get('/api/v1/admin/staff?limit=1').set(admin.auth);
    const audit = await t.http.get('/api/v1/admin/audit?limit=1').set(admin.auth);
    const ids = (await t.ds.query(
      `SELECT id::text FROM users UNION ALL SELECT id::text FROM enterprises UNION ALL SELECT id::text FROM departments
       UNION ALL SELECT id::text FROM notifications`,
    )) as Array<{ id: string }>;
    pools = {
      ids: ids.map((r) => r.id),
      plausible: {
        code: fc.string({ maxLength: 20 }).map((s) => `mock:${s}`),
        creditCode: fc.oneof(
          fc.constant(ownerCreditCode),
          fc.constant(null).map(() => makeCreditCode()),
          fc.string({ maxLength: 18 }),
        ),
        cursor: fc.constantFrom(
          ...[page.body?.nextCursor, audit.body?.nextCursor].filter((c): c is string => typeof c === 'string'),
          'eyJ4IjoxfQ',
          Buffer.from(JSON.stringify(['x', 2 ** 40])).toString('base64url'),
          Buffer.from(JSON.stringify(['x', -1])).toString('base64url'),
          Buffer.from(JSON.stringify(['a\u0000', 'b\u0000'])).toString('base64url'),
        ),
        from: fc.constantFrom('2026-01-01', '2026-11-30T08:00:00+08:00', '2026-11-30T08:00Z', '1970-01-01'),
        to: fc.constantFrom('2026-12-31', '9999-12-31T23:59:59Z', '0001-01-01'),
        version: fc.constantFrom(consentVersion, 'v0', '1.0'),
        results: fc.dictionary(
          fc.constantFrom(TEMPLATE, 'tpl-unknown', '', 'x'.repeat(129)),
          fc.constantFrom('accept', 'reject', 'ban', 'filter', 'maybe'),
          {
            maxKeys: 4,
          },
        ),
        password: fc.constantFrom('Staff#2026x', 'short', 'Fuzz#Pass2026'),
        username: fc.constantFrom('admin', 'Fuzzer01', 'x'),
      },
    };
    void owner;
    tables = (
      (await t.ds.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'migrations' ORDER BY 1`,
      )) as Array<{ table_name: string }>
    ).map((r) => r.table_name);
  }, 120_000);
  afterAll(() => t?.close());

  it('finds routes and their DTOs in the document', () => {
    expect(operations.length).toBeGreaterThan(20);
    // The handler metadata finds query DTOs the document does not link to their route.
    expect(operations.find((o) => o.operationId === 'AdminAuditController_list')?.query).toBeDefined();
    expect(operations.find((o) => o.method === 'PATCH' && o.path === '/api/v1/me')?.body).toBeDefined();
  });

  it('answers every hostile request below 500, in the one error body, without writing a row', async () => {
    const problems: string[] = [];
    for (const op of operations) {
      // A caller the route lets in (public routes: nobody).
      let caller: SignedIn | undefined;
      if (op.secured) {
        for (const make of callers) {
          caller = await make();
          const probe = t.http[op.method.toLowerCase() as 'get'](op.path.replace(/\{\w+\}/g, randomUUID())).set(
            caller.auth,
          );
          const res = await (op.method === 'GET' || op.method === 'DELETE' ? probe : probe.send({}));
          if (res.status !== 401 && res.status !== 403) break;
        }
      }
      // The counts after the last request: one count per request (a success may write; then they move on).
      let before = await rowCounts(t, tables);
      const property = fc.asyncProperty(requestArbitrary(op, pools, components), async (req) => {
        const url = req.query ? `${req.path}?${req.query}` : req.path;
        const call = t.http[op.method.toLowerCase() as 'get'](url);
        if (caller) call.set(caller.auth);
        const res = await (req.body === undefined ? call : call.set('content-type', 'application/json').send(req.body));
        const problem = problemWith(res.status, res.body);
        if (problem) throw new Error(`${op.method} ${url.slice(0, 300)} ${problem}`);
        const after = await rowCounts(t, tables);
        const written = tables.filter((table) => after[table] !== before[table]);
        before = after;
        if (res.status >= 400 && written.length) {
          throw new Error(
            `${op.method} ${url.slice(0, 300)} refused with ${res.status} but wrote rows in ${written.join(', ')}`,
          );
        }
      });
      try {
        const examples = targetedRequests(op, pools, components, SEED ?? 42).map((r): [FuzzRequest] => [r]);
        await fc.assert(property, { numRuns: RUNS + examples.length, examples, seed: SEED, endOnFailure: true });
      } catch (error) {
        const cause = (error as Error & { cause?: Error }).cause;
        const first = (error as Error).message.split('\n').slice(0, 3).join(' ');
        problems.push(`${op.method} ${op.path}: ${cause?.message ?? ''} — ${first}`.slice(0, 1500));
      }
    }
    expect(problems).toEqual([]);
  }, 600_000);
});
