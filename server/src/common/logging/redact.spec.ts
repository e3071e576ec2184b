import { REDACTED, redactLogValue, redactUrl } from './redact';

describe('log redaction', () => {
  it('replaces secrets at any depth and masks phone numbers', () => {
    const out = redactLogValue({
      headers: { authorization: 'Bearer abc.def.ghi', cookie: 'sid=1' },
      body: {
        password: 'p',
        session_key: 'k',
        refreshToken: 'r',
        nested: [{ accessToken: 'a', phone: '13812345678' }],
      },
      msg: 'user 13812345678 signed in',
    }) as Record<string, any>;
    expect(out.headers).toEqual({ authorization: REDACTED, cookie: REDACTED });
    expect(out.body.password).toBe(REDACTED);
    expect(out.body.session_key).toBe(REDACTED);
    expect(out.body.refreshToken).toBe(REDACTED);
    expect(out.body.nested[0]).toEqual({ accessToken: REDACTED, phone: '*******5678' });
    expect(out.msg).toBe('user 138****5678 signed in');
  });

  it('keeps our own error codes but hides WeChat login codes', () => {
    expect(redactLogValue({ code: 'WECHAT_CODE_INVALID' })).toEqual({ code: 'WECHAT_CODE_INVALID' });
    expect(redactLogValue({ code: 'mock:alice' })).toEqual({ code: REDACTED });
  });

  it('hides secrets in query strings', () => {
    expect(redactUrl('/sns/jscode2session?appid=wx1&secret=s3&js_code=abc&grant_type=x')).toBe(
      `/sns/jscode2session?appid=wx1&secret=${REDACTED}&js_code=${REDACTED}&grant_type=x`,
    );
    expect(redactUrl('/x?access_token=t&phone=13812345678')).toBe(`/x?access_token=${REDACTED}&phone=138****5678`);
  });

  it('never rewrites a request id, wherever it is logged, but masks a phone number beside it', () => {
    const id = 'req-13812345678';
    expect(
      redactLogValue({
        requestId: id,
        request_id: id,
        headers: { 'x-request-id': id },
        err: { requestId: id },
        msg: `request ${id} from 13912345678`,
      }),
    ).toEqual({
      requestId: id,
      request_id: id,
      headers: { 'x-request-id': id },
      err: { requestId: id },
      msg: 'request req-138****5678 from 139****5678',
    });
  });
});
