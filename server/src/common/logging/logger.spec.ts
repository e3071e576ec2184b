import { Writable } from 'node:stream';
import { Logger } from '@nestjs/common';
import { closeEmbedded, createDataSource } from '../../database/data-source';
import { createLogger, PinoNestLogger, requestContext } from './logger';
import { PARAMETER_HIDDEN } from './query-logger';
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

  it('writes the request id as the caller got it back, even with 11 digits like a phone number', async () => {
    const { lines, logger } = capture();
    requestContext.run({ requestId: 'req-13812345678' }, () =>
      logger.error({ requestId: 'req-13812345678', reason: 'call 13812345678' }, 'Unhandled error'),
    );
    await flush();
    expect(lines[0].requestId).toBe('req-13812345678');
    expect(lines[0].reason).toBe('call 138****5678'); // the masker still works everywhere else
  });

  it('writes no request id outside a request', async () => {
    const { lines, logger } = capture();
    logger.info({ a: 1 }, 'boot');
    await flush();
    expect(lines[0]).not.toHaveProperty('requestId');
    expect(lines[0]).toMatchObject({ a: 1, msg: 'boot', service: 'qsgj-server' });
  });

  it('a failed query is one error line with its SQL and SQLSTATE, and none of its parameters', async () => {
    const { lines, logger } = capture();
    Logger.overrideLogger(new PinoNestLogger(logger));
    // Whatever else would print the parameters (TypeORM's own logger writes to the console).
    const printed: string[] = [];
    const spies = [
      jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        printed.push(String(chunk));
        return true;
      }),
      ...(['log', 'info', 'warn', 'error'] as const).map((m) =>
        jest.spyOn(console, m).mockImplementation((...args: unknown[]) => void printed.push(args.join(' '))),
      ),
    ];
    const ds = await createDataSource({ pgliteDataDir: 'memory' });
    try {
      await ds.initialize();
      const phone = '13912345678';
      const token = 'tok_3f9a1c7e5b2d';
      await expect(
        ds.query('SELECT $1::uuid AS id, $2::text AS phone', [`x-${token}-${phone}`, phone]),
      ).rejects.toThrow();
      await flush();
      const failed = lines.filter((l) => l.msg === 'Query failed');
      expect(failed).toHaveLength(1);
      expect(failed[0]).toMatchObject({
        level: 50,
        context: 'Database',
        query: 'SELECT $1::uuid AS id, $2::text AS phone',
        sqlState: '22P02',
        reason: `invalid input syntax for type uuid: "${PARAMETER_HIDDEN}"`,
      });
      const everything = JSON.stringify(lines) + printed.join('');
      expect(everything).not.toContain(token);
      expect(everything).not.toContain('5678');
      expect(everything).not.toMatch(/PARAMETERS/i);
    } finally {
      for (const s of spies) s.mockRestore();
      Logger.overrideLogger(false);
      if (ds.isInitialized) await ds.destroy();
      await closeEmbedded();
    }
  }, 60_000);
});
