import { Writable } from 'node:stream';
import { createLogger, requestContext } from './logger';
import { REDACTED } from './redact';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const l of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      cb();
    },
  });
  return { lines, logger: createLogger('info', stream) };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('logger', () => {
  it('redacts the object, the message and printf arguments, and adds the request id', async () => {
    const { lines, logger } = capture();
    requestContext.run({ requestId: 'req-12345678' }, () => {
      logger.info({ password: 'Hunter2#x', user: { phone: '13812345678' }, code: 'mock:alice' }, 'call 13912345678');
      logger.warn('token %s for %s', 'abc', '13712345678');
    });
    await flush();
    expect(lines[0]).toMatchObject({
      password: REDACTED,
      user: { phone: '*******5678' },
      code: REDACTED,
      msg: 'call 139****5678',
      requestId: 'req-12345678',
    });
    expect(lines[1]).toMatchObject({ msg: 'token abc for 137****5678', requestId: 'req-12345678' });
  });

  it('masks a phone number sent as X-Request-Id', async () => {
    const { lines, logger } = capture();
    requestContext.run({ requestId: '13812345678' }, () => logger.info('hello'));
    await flush();
    expect(lines[0].requestId).toBe('138****5678');
  });

  it('writes no request id outside a request', async () => {
    const { lines, logger } = capture();
    logger.info({ a: 1 }, 'boot');
    await flush();
    expect(lines[0]).not.toHaveProperty('requestId');
    expect(lines[0]).toMatchObject({ a: 1, msg: 'boot', service: 'qsgj-server' });
  });
});
