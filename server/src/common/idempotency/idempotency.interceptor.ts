import { createHash } from 'node:crypto';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, SetMetadata } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { DataSource } from 'typeorm';
import { ERROR_MESSAGES } from '@qsgj/shared/errors';
import type { AuthedRequest } from '../auth/decorators';
import { AppException, fieldError } from '../errors/app-exception';
import { IdempotencyRepository } from './idempotency.repository';
import { inRequestTransaction, shareRequestTransactions } from './request-transaction';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY = /^[\w-]{8,64}$/;
const REQUIRE_KEY = 'qsgj:require-idempotency-key';

/**
 * The route refuses a signed-in write without an `Idempotency-Key` (400 `IDEMPOTENCY_KEY_REQUIRED`): a
 * submission that must never happen twice (`POST /cases`), however often a bad network retries it.
 */
export const RequireIdempotencyKey = () => SetMetadata(REQUIRE_KEY, true);

/**
 * `Idempotency-Key` on any signed-in write: the first request runs, every retry with the same key gets
 * the first answer again (header `Idempotent-Replayed: true`) and changes nothing. A key reused for a
 * different request is refused; a retry sent while the first is still running waits for it (up to
 * KEY_LOCK_WAIT) and gets its answer, or 409 when it is still running after that.
 *
 * The request runs in one transaction (ADR 008): the key's lock, every write the handler makes
 * (`Changes.run` becomes a savepoint of it) and the stored answer commit together or not at all. So
 * after a crash at any point a retry finds either the answer (the change committed) or nothing (it
 * did not) — never a change without its answer. A failed request is rolled back whole and not
 * remembered, so a retry after an error runs again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly keys: IdempotencyRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    shareRequestTransactions(dataSource);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const header = req.headers['idempotency-key'];
    if (!header && req.actor && Reflect.getMetadata(REQUIRE_KEY, context.getHandler()) === true) {
      throw new AppException('IDEMPOTENCY_KEY_REQUIRED', [
        { field: 'Idempotency-Key', message: ERROR_MESSAGES.IDEMPOTENCY_KEY_REQUIRED },
      ]);
    }
    if (!header || !WRITE_METHODS.has(req.method) || !req.actor) return next.handle();
    const key = Array.isArray(header) ? header[0] : header;
    if (!KEY.test(key)) {
      throw fieldError('Idempotency-Key', '请求编号格式错误（8-64 位字母、数字、下划线或短横线）');
    }
    const userId = req.actor.id;
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const hash = createHash('sha256')
      .update(
        `${req.method} ${req.routeOptions?.url ?? req.url} ${JSON.stringify(req.params ?? {})} ${JSON.stringify(req.body ?? null)}`,
      )
      .digest('hex');
    if (Math.random() < 0.01) void this.keys.deleteExpired().catch(() => undefined);
    return from(this.once(userId, key, hash, reply, next));
  }

  private once(userId: string, key: string, hash: string, reply: FastifyReply, next: CallHandler): Promise<unknown> {
    return inRequestTransaction(this.dataSource, async (runner, joined) => {
      const m = runner.manager;
      if (!(await this.keys.lock(userId, key, m))) {
        throw new AppException('IDEMPOTENCY_IN_PROGRESS', undefined, { 'retry-after': '2' });
      }
      const held = await this.keys.find(userId, key, m);
      if (held?.completedAt && held.statusCode) {
        if (held.requestHash !== hash) throw new AppException('IDEMPOTENCY_KEY_REUSED');
        void reply.header('idempotent-replayed', 'true');
        void reply.status(held.statusCode);
        return { commit: false, value: held.response ?? undefined };
      }
      // No answer (or only an unfinished row left by a version that claimed keys before running):
      // nothing of this request committed, so it runs now.
      const body = await joined(() => lastValueFrom(next.handle(), { defaultValue: undefined }));
      await this.keys.store(userId, key, hash, reply.statusCode, body, m);
      return { commit: true, value: body };
    });
  }
}
