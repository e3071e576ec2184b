import { KEY_LOCK_WAIT } from '../src/common/idempotency/idempotency.sql';
import { Client } from 'pg';
import { onPostgres } from './medium/medium';
import { makeCreditCode, signInWechat } from './utils/factories';
import { startTestApp, type TestApp } from './utils/test-app';

/** Writes users retry (submit, sign up) carry an Idempotency-Key: a retry never does the work twice. */
describe('Idempotency-Key', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(() => t?.close());

  const bind = (auth: Record<string, string>, key: string, body: Record<string, unknown>) =>
    t.http.post('/api/v1/me/enterprise').set(auth).set('Idempotency-Key', key).send(body);

  async function membershipRows(userId: string): Promise<number> {
    const [{ n }] = await t.ds.query('SELECT count(*)::int n FROM enterprise_members WHERE user_id = $1', [userId]);
    return n;
  }

  it('replays the first answer for a retry with the same key, and does the work once', async () => {
    const s = await signInWechat(t);
    const body = { creditCode: makeCreditCode(), name: '湘潭重试测试有限公司', contactName: '钱七' };
    const first = await bind(s.auth, 'retry-key-0001', body);
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const retry = await bind(s.auth, 'retry-key-0001', body);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await membershipRows(s.user.id)).toBe(1);
    const [{ n }] = await t.ds.query(
      `SELECT count(*)::int n FROM audit_log WHERE actor_id = $1 AND action = 'enterprise.bound'`,
      [s.user.id],
    );
    expect(n).toBe(1);
    // Without the key the same request is a new one, and the server says so.
    const again = await t.http.post('/api/v1/me/enterprise').set(s.auth).send(body);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ENTERPRISE_ALREADY_BOUND');
  });

  it('refuses the same key for a different request', async () => {
    const s = await signInWechat(t);
    await t.http
      .patch('/api/v1/me')
      .set(s.auth)
      .set('Idempotency-Key', 'reused-key-01')
      .send({ nickname: '甲' })
      .expect(200);
    const other = await t.http
      .patch('/api/v1/me')
      .set(s.auth)
      .set('Idempotency-Key', 'reused-key-01')
      .send({ nickname: '乙' });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      message: '该请求编号已用于另一项操作，请刷新后重试',
    });
    const [{ nickname }] = await t.ds.query('SELECT nickname FROM users WHERE id = $1', [s.user.id]);
    expect(nickname).toBe('甲');
  });

  it('does not remember a failed request: the retry runs again', async () => {
    const s = await signInWechat(t);
    const code = makeCreditCode();
    const bad = await bind(s.auth, 'fail-then-ok-1', { creditCode: code, name: '', contactName: '孙八' });
    expect(bad.status).toBe(400);
    const fixed = await bind(s.auth, 'fail-then-ok-1', {
      creditCode: code,
      name: '湘潭修正有限公司',
      contactName: '孙八',
    });
    expect(fixed.status).toBe(201);
    expect(await membershipRows(s.user.id)).toBe(1);
  });

  it('keeps keys per user: the same key from someone else is their own request', async () => {
    const a = await signInWechat(t);
    const b = await signInWechat(t);
    const resA = await bind(a.auth, 'shared-key-0001', {
      creditCode: makeCreditCode(),
      name: '甲公司',
      contactName: '甲',
    });
    const resB = await bind(b.auth, 'shared-key-0001', {
      creditCode: makeCreditCode(),
      name: '乙公司',
      contactName: '乙',
    });
    expect(resA.status).toBe(201);
    expect(resB.status).toBe(201);
    expect(resB.headers['idempotent-replayed']).toBeUndefined();
    expect(resB.body.membership.enterprise.name).toBe('乙公司');
  });

  it('ten identical requests at once: one does the work, every other waits for it and gets the same answer', async () => {
    const s = await signInWechat(t);
    const body = { creditCode: makeCreditCode(), name: '湘潭并发测试有限公司', contactName: '周九' };
    const results = await Promise.all(Array.from({ length: 10 }, () => bind(s.auth, 'concurrent-key1', body)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(results.filter((r) => r.headers['idempotent-replayed'] === undefined)).toHaveLength(1);
    for (const r of results) expect(r.body).toEqual(results[0].body);
    expect(await membershipRows(s.user.id)).toBe(1);
  });

  it('refuses a malformed key in Chinese', async () => {
    const s = await signInWechat(t);
    const res = await t.http
      .patch('/api/v1/me')
      .set(s.auth)
      .set('Idempotency-Key', 'bad key!')
      .send({ nickname: '丙' });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([
      { field: 'Idempotency-Key', message: '请求编号格式错误（8-64 位字母、数字、下划线或短横线）' },
    ]);
  });

  // ADR 008: the change and its stored answer are one transaction.
  it('a fault between the change and its stored answer leaves no effect, and the retry does the work once', async () => {
    const s = await signInWechat(t);
    const body = { creditCode: makeCreditCode(), name: '湘潭故障注入有限公司', contactName: '吴十' };
    // The answer cannot be stored (as if the process died right after the handler): the store fails.
    await t.ds.query(`CREATE FUNCTION fail_answer() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected fault: answer not stored'; END $$`);
    await t.ds.query(`CREATE TRIGGER fail_answer BEFORE INSERT OR UPDATE ON idempotency_keys
      FOR EACH ROW WHEN (NEW.completed_at IS NOT NULL) EXECUTE FUNCTION fail_answer()`);
    let faulted;
    try {
      faulted = await bind(s.auth, 'fault-key-0001', body);
    } finally {
      await t.ds.query('DROP TRIGGER fail_answer ON idempotency_keys');
      await t.ds.query('DROP FUNCTION fail_answer()');
    }
    expect(faulted.status).toBe(500);
    // The binding ran, but nothing of it stands: no membership, no enterprise, no audit row, no key.
    expect(await membershipRows(s.user.id)).toBe(0);
    const [{ n: enterprises }] = await t.ds.query('SELECT count(*)::int n FROM enterprises WHERE credit_code = $1', [
      body.creditCode,
    ]);
    expect(enterprises).toBe(0);
    const [{ n: audits }] = await t.ds.query(
      `SELECT count(*)::int n FROM audit_log WHERE actor_id = $1 AND action = 'enterprise.bound'`,
      [s.user.id],
    );
    expect(audits).toBe(0);

    const retry = await bind(s.auth, 'fault-key-0001', body);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    const again = await bind(s.auth, 'fault-key-0001', body);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(retry.body);
    expect(await membershipRows(s.user.id)).toBe(1);
    const [{ n: bound }] = await t.ds.query(
      `SELECT count(*)::int n FROM audit_log WHERE actor_id = $1 AND action = 'enterprise.bound'`,
      [s.user.id],
    );
    expect(bound).toBe(1);
  });

  it('keeps an answer 24 hours: replayed at 23:59:59, a new request after', async () => {
    const s = await signInWechat(t);
    const patch = (nickname: string) =>
      t.http.patch('/api/v1/me').set(s.auth).set('Idempotency-Key', 'lifetime-key-1').send({ nickname });
    expect((await patch('甲')).status).toBe(200);
    const age = (interval: string) =>
      t.ds.query(`UPDATE idempotency_keys SET created_at = now() - $2::interval WHERE user_id = $1`, [
        s.user.id,
        interval,
      ]);
    await age('23 hours 59 minutes 59 seconds');
    const young = await patch('甲');
    expect(young.headers['idempotent-replayed']).toBe('true');
    await age('24 hours 1 second');
    // Expired: the same key is a new request, even for another body.
    const old = await patch('乙');
    expect(old.status).toBe(200);
    expect(old.headers['idempotent-replayed']).toBeUndefined();
    const [{ nickname }] = await t.ds.query('SELECT nickname FROM users WHERE id = $1', [s.user.id]);
    expect(nickname).toBe('乙');
  });

  /** Holds a key from another connection, as a request in flight does (its transaction's advisory lock). */
  async function holdKey(userId: string, key: string) {
    const holder = new Client({ connectionString: (t.ds.options as { url?: string }).url });
    await holder.connect();
    holder.on('error', () => undefined);
    await holder.query('BEGIN');
    await holder.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`${userId} ${key}`]);
    return holder;
  }

  onPostgres(`a retry waits for the request in flight; once its holder dies (kill -9) the retry runs`, async () => {
    const s = await signInWechat(t);
    const body = { creditCode: makeCreditCode(), name: '湘潭在途有限公司', contactName: '王二' };
    const holder = await holdKey(s.user.id, 'inflight-key-01');
    const waiting = bind(s.auth, 'inflight-key-01', body);
    await new Promise((r) => setTimeout(r, 500));
    // The holder's process dies: PostgreSQL ends its transaction and lets the key go.
    const [{ pid }] = (await holder.query('SELECT pg_backend_pid() pid')).rows;
    await t.ds.query('SELECT pg_terminate_backend($1)', [pid]);
    await holder.end().catch(() => undefined);
    const retry = await waiting;
    expect(retry.status).toBe(201);
    expect(await membershipRows(s.user.id)).toBe(1);
  });

  onPostgres(
    `a retry still blocked after ${KEY_LOCK_WAIT} answers 409 and writes nothing`,
    async () => {
      const s = await signInWechat(t);
      const body = { creditCode: makeCreditCode(), name: '湘潭久候有限公司', contactName: '李三' };
      const holder = await holdKey(s.user.id, 'inflight-key-02');
      try {
        const waiting = await bind(s.auth, 'inflight-key-02', body);
        expect(waiting.status).toBe(409);
        expect(waiting.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
        expect(waiting.headers['retry-after']).toBe('2');
        expect(await membershipRows(s.user.id)).toBe(0);
      } finally {
        await holder.query('ROLLBACK');
        await holder.end();
      }
    },
    20_000,
  );
});
