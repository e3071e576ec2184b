import Taro, { __reset, __setRequest, calls } from '../shims/taro';
import { ApiError, http, lastRequestId, onConsentRequired, onSignedOut, withQuery } from '../../src/services/http';
import { onlineStore } from '../../src/stores/network';
import { saveSession, sessionStore } from '../../src/stores/session';

const tokens = (suffix: string) => ({
  accessToken: `access-${suffix}`,
  refreshToken: `refresh-${suffix}`,
  expiresIn: 7200,
  user: { id: 'u1', role: 'enterprise' as const, displayName: '张三', mustChangePassword: false },
  consentRequired: false,
});

const ok = (data: unknown) => ({ statusCode: 200, data });
const fail = (statusCode: number, code: string, message: string, details?: unknown) => ({
  statusCode,
  data: { statusCode, code, message, details, requestId: 'req-1' },
});

beforeEach(() => {
  __reset();
  sessionStore.set(null);
  onlineStore.set(true);
});

describe('services/http', () => {
  it('sends the bearer token and JSON, and returns the body', async () => {
    saveSession(tokens('1'));
    __setRequest(async () => ok({ hello: '世界' }));
    await expect(http.get('/me')).resolves.toEqual({ hello: '世界' });
    expect(calls.request[0]).toMatchObject({
      url: '/api/v1/me',
      method: 'GET',
      header: { Authorization: 'Bearer access-1' },
    });
  });

  it('turns the error body into an ApiError with the Chinese message and field details', async () => {
    __setRequest(async () =>
      fail(400, 'VALIDATION_FAILED', '统一社会信用代码格式或校验位不正确', [
        { field: 'creditCode', message: '统一社会信用代码格式或校验位不正确' },
      ]),
    );
    const error = (await http.post('/me/enterprise', {}).catch((e) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe('统一社会信用代码格式或校验位不正确');
    expect(error.fieldMessage('creditCode')).toBe('统一社会信用代码格式或校验位不正确');
    expect(error.requestId).toBe('req-1');
  });

  it('gives a Chinese message for a server error without our body', async () => {
    __setRequest(async () => ({ statusCode: 502, data: '<html>Bad Gateway</html>' }));
    const error = (await http.get('/x', { retries: 0 }).catch((e) => e)) as ApiError;
    expect(error.code).toBe('INTERNAL_ERROR');
    expect(error.message).toBe('服务器开小差了，请稍后再试');
  });

  it('refreshes once on an expired token and retries, for many requests at once', async () => {
    saveSession(tokens('old'));
    let refreshes = 0;
    __setRequest(async (o) => {
      if (o.url.endsWith('/auth/refresh')) {
        refreshes++;
        expect(o.data).toEqual({ refreshToken: 'refresh-old' });
        return ok(tokens('new'));
      }
      return o.header.Authorization === 'Bearer access-new'
        ? ok({ fine: true })
        : fail(401, 'TOKEN_EXPIRED', '登录已过期，请重新登录');
    });
    const results = await Promise.all([http.get('/me'), http.get('/notifications'), http.get('/me/butler')]);
    expect(results).toEqual([{ fine: true }, { fine: true }, { fine: true }]);
    expect(refreshes).toBe(1);
    expect(sessionStore.get()?.accessToken).toBe('access-new');
    expect(Taro.getStorageSync('qsgj.session')).toMatchObject({ refreshToken: 'refresh-new' });
  });

  it('signs out when the refresh fails, and tells the app', async () => {
    saveSession(tokens('old'));
    const signedOut = jest.fn();
    const off = onSignedOut(signedOut);
    __setRequest(async (o) =>
      o.url.endsWith('/auth/refresh')
        ? fail(401, 'REFRESH_TOKEN_REUSED', '检测到登录凭证被重复使用')
        : fail(401, 'TOKEN_EXPIRED', '登录已过期，请重新登录'),
    );
    const error = (await http.get('/me').catch((e) => e)) as ApiError;
    off();
    expect(error.code).toBe('TOKEN_EXPIRED');
    expect(sessionStore.get()).toBeNull();
    expect(Taro.getStorageSync('qsgj.session')).toBe('');
    expect(signedOut).toHaveBeenCalledTimes(1);
  });

  it('marks consent as due and tells the app when a write is refused with CONSENT_REQUIRED; the session stays', async () => {
    saveSession(tokens('1'));
    const due = jest.fn();
    const off = onConsentRequired(due);
    __setRequest(async () => fail(403, 'CONSENT_REQUIRED', '请先阅读并同意最新版本的隐私政策，再提交个人信息'));
    const error = (await http.patch('/me', { nickname: '张三' }).catch((e) => e)) as ApiError;
    off();
    expect(error.code).toBe('CONSENT_REQUIRED');
    expect(due).toHaveBeenCalledTimes(1);
    expect(sessionStore.get()).toMatchObject({ accessToken: 'access-1', consentRequired: true });
    expect(Taro.getStorageSync('qsgj.session')).toMatchObject({ consentRequired: true });
  });

  it('retries an idempotent write after a network failure with the same Idempotency-Key', async () => {
    saveSession(tokens('1'));
    let attempt = 0;
    __setRequest(async () => {
      attempt++;
      if (attempt < 3) throw { errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED' };
      return ok({ created: true });
    });
    await expect(http.post('/cases', { text: '咨询' }, { idempotent: true })).resolves.toEqual({ created: true });
    const keys = calls.request.map((r) => r.header['Idempotency-Key']);
    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(/\w+-\w+-\w+/);
    expect(new Set(keys).size).toBe(1);
  });

  it('sends {} for a write without data (WeChat always declares JSON; the server refuses an empty JSON body)', async () => {
    saveSession(tokens('1'));
    __setRequest(async () => ok(null));
    await http.post('/notifications/n1/read');
    await http.delete('/me');
    await http.get('/me');
    expect(calls.request.map((r) => [r.method, r.data, r.header['content-type']])).toEqual([
      ['POST', {}, 'application/json'],
      ['DELETE', {}, 'application/json'],
      ['GET', undefined, 'application/json'],
    ]);
  });

  it('uses a new key for a new logical request', async () => {
    __setRequest(async () => ok({}));
    await http.post('/a', {}, { idempotent: true });
    await http.post('/a', {}, { idempotent: true });
    expect(calls.request[0].header['Idempotency-Key']).not.toBe(calls.request[1].header['Idempotency-Key']);
  });

  it('reports offline in Chinese when the network stays down, and marks the app offline', async () => {
    __setRequest(async () => {
      throw { errMsg: 'request:fail' };
    });
    const error = (await http.post('/x', {}).catch((e) => e)) as ApiError;
    expect(error.isNetwork).toBe(true);
    expect(error.code).toBe('NETWORK_OFFLINE');
    expect(error.message).toBe('网络连接失败，请检查网络后重试');
    expect(calls.request).toHaveLength(1); // a plain POST is not retried
    expect(onlineStore.get()).toBe(false);
  });

  it('remembers the server’s id of the last answer: its x-request-id header, or the error body’s requestId', async () => {
    __setRequest(async () => ({ statusCode: 200, data: {}, header: { 'x-request-id': 'req-ok' } }));
    await http.get('/me');
    expect(lastRequestId()).toBe('req-ok');
    __setRequest(async () => fail(404, 'NOT_FOUND', '您访问的内容不存在或已被删除'));
    const error = (await http.get('/x').catch((e) => e)) as ApiError;
    expect(error.requestId).toBe('req-1');
    expect(lastRequestId()).toBe('req-1');
    __setRequest(async () => ({
      statusCode: 502,
      data: '<html>Bad Gateway</html>',
      header: { 'X-Request-Id': 'req-502' },
    }));
    expect(((await http.get('/x', { retries: 0 }).catch((e) => e)) as ApiError).requestId).toBe('req-502');
    __setRequest(async () => ok({})); // an answer without the header (a proxy's): no stale id
    await http.get('/me');
    expect(lastRequestId()).toBeUndefined();
  });

  it('builds a list query from what is set, encoded', () => {
    expect(withQuery('/notifications', { cursor: null })).toBe('/notifications');
    expect(withQuery('/me/enterprise/members', { cursor: 'eyJr=', limit: 20 })).toBe(
      '/me/enterprise/members?cursor=eyJr%3D&limit=20',
    );
    expect(withQuery('/x?a=1', { cursor: 'c' })).toBe('/x?a=1&cursor=c');
  });
});
