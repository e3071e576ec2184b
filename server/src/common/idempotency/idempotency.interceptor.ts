import { createHash } from 'node:crypto';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { catchError, concatMap, from, type Observable, of, switchMap, throwError } from 'rxjs';
import type { AuthedRequest } from '../auth/decorators';
import { AppException, fieldError } from '../errors/app-exception';
import { IdempotencyRepository } from './idempotency.repository';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY = /^[\w-]{8,64}$/;

/**
 * `Idempotency-Key` on any signed-in write: the first request runs, every retry with the same key gets
 * the first answer again (header `Idempotent-Replayed: true`) and changes nothing. A key reused for a
 * different request is refused; a retry while the first is still running is told to wait.
 * Failed requests are not remembered, so a retry after an error runs again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly keys: IdempotencyRepository) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const header = req.headers['idempotency-key'];
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

    const run = (): Observable<unknown> =>
      next.handle().pipe(
        // Remember the answer before sending it, so an immediate retry finds it.
        concatMap(async (body) => {
          await this.keys.complete(userId, key, reply.statusCode, body);
          return body;
        }),
        catchError((e: unknown) => from(this.keys.release(userId, key)).pipe(switchMap(() => throwError(() => e)))),
      );

    return from(this.decide(userId, key, hash)).pipe(
      switchMap((decision) => {
        if (decision.kind === 'run') {
          if (Math.random() < 0.01) void this.keys.deleteExpired().catch(() => undefined);
          return run();
        }
        void reply.header('idempotent-replayed', 'true');
        void reply.status(decision.statusCode);
        return of(decision.response ?? undefined);
      }),
    );
  }

  private async decide(
    userId: string,
    key: string,
    hash: string,
  ): Promise<{ kind: 'run' } | { kind: 'replay'; statusCode: number; response: unknown }> {
    if (await this.keys.claim(userId, key, hash)) return { kind: 'run' };
    const held = await this.keys.find(userId, key);
    if (!held) return (await this.keys.claim(userId, key, hash)) ? { kind: 'run' } : this.inProgress();
    if (held.requestHash !== hash) throw new AppException('IDEMPOTENCY_KEY_REUSED');
    if (held.completedAt && held.statusCode)
      return { kind: 'replay', statusCode: held.statusCode, response: held.response };
    if (await this.keys.takeOverIfStale(userId, key, hash)) return { kind: 'run' };
    return this.inProgress();
  }

  private inProgress(): never {
    throw new AppException('IDEMPOTENCY_IN_PROGRESS', undefined, { 'retry-after': '2' });
  }
}
