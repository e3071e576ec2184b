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

  it('two identical requests at once: one does the work, the other waits or gets the same answer', async () => {
    const s = await signInWechat(t);
    const body = { creditCode: makeCreditCode(), name: '湘潭并发测试有限公司', contactName: '周九' };
    const results = await Promise.all([bind(s.auth, 'concurrent-key1', body), bind(s.auth, 'concurrent-key1', body)]);
    const statuses = results.map((r) => r.status).sort();
    expect([
      [201, 201],
      [201, 409],
    ]).toContainEqual(statuses);
    const waiting = results.find((r) => r.status === 409);
    if (waiting) expect(waiting.body.code).toBe('IDEMPOTENCY_IN_PROGRESS');
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
});
