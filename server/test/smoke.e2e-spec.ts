import { startTestApp, type TestApp } from './utils/test-app';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(() => t?.close());

  it('health', async () => {
    const res = await t.http.get('/health');
    expect(res.status).toBe(200);
    expect(res.body.database.status).toBe('up');
  });

  it('wechat sign in then me', async () => {
    const login = await t.http.post('/api/v1/auth/wechat').send({ code: 'mock:alice' });
    expect(login.status).toBe(200);
    const me = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${login.body.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body.role).toBe('enterprise');
  });
});
