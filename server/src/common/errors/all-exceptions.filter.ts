import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_MESSAGES, type ErrorBody, type ErrorCode } from '@qsgj/shared/errors';
import { AppException } from './app-exception';
import { classifyDatabaseError, DATABASE_RETRY_AFTER_SECONDS } from './database-errors';
import { errorStatus } from './error-status';

/** Fastify's own error codes for malformed requests, mapped to ours. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_JSON',
};

function httpStatusCode(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'VALIDATION_FAILED';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'ROUTE_NOT_FOUND';
    case 405:
      return 'METHOD_NOT_ALLOWED';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'RATE_LIMITED';
    case 503:
      return 'SERVICE_UNAVAILABLE';
    default:
      return status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_FAILED';
  }
}

/** Turns anything thrown into the one error body. */
export function toErrorBody(
  exception: unknown,
  requestId: string,
): { body: ErrorBody; headers?: Record<string, string> } {
  // Fastify's own errors (bad JSON, body too large) arrive raw or wrapped by Nest as the cause of an HttpException.
  const raw = exception as { code?: string; cause?: { code?: string } } | null;
  const fastifyCode = raw?.code ?? raw?.cause?.code;
  if (fastifyCode === 'FST_ERR_BAD_URL') {
    return { body: { statusCode: 400, code: 'VALIDATION_FAILED', message: BAD_URL_MESSAGE, requestId } };
  }
  if (fastifyCode && FASTIFY_CODES[fastifyCode]) {
    const code = FASTIFY_CODES[fastifyCode];
    return { body: { statusCode: errorStatus(code), code, message: ERROR_MESSAGES[code], requestId } };
  }
  if (exception instanceof AppException) {
    const body: ErrorBody = {
      statusCode: errorStatus(exception.code),
      code: exception.code,
      message: exception.message,
      requestId,
    };
    if (exception.details !== undefined) body.details = exception.details;
    return { body, headers: exception.headers };
  }
  if (exception instanceof ThrottlerException) {
    return { body: { statusCode: 429, code: 'RATE_LIMITED', message: ERROR_MESSAGES.RATE_LIMITED, requestId } };
  }
  if (exception instanceof HttpException) {
    const code = httpStatusCode(exception.getStatus());
    return { body: { statusCode: errorStatus(code), code, message: ERROR_MESSAGES[code], requestId } };
  }
  const status = (exception as { statusCode?: number } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = httpStatusCode(status);
    return { body: { statusCode: errorStatus(code), code, message: ERROR_MESSAGES[code], requestId } };
  }
  const database = classifyDatabaseError(exception);
  if (database === 'data') {
    return { body: { statusCode: 400, code: 'VALIDATION_FAILED', message: DATA_EXCEPTION_MESSAGE, requestId } };
  }
  if (database === 'conflict') {
    const code = 'CONCURRENT_CHANGE';
    return { body: { statusCode: errorStatus(code), code, message: ERROR_MESSAGES[code], requestId } };
  }
  if (database === 'unavailable') {
    return {
      body: { statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: ERROR_MESSAGES.SERVICE_UNAVAILABLE, requestId },
      headers: { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) },
    };
  }
  return { body: { statusCode: 500, code: 'INTERNAL_ERROR', message: ERROR_MESSAGES.INTERNAL_ERROR, requestId } };
}

/** A path with percent-encoding that is not UTF-8 (`%FF`, `%ED%A0%80`). */
export const BAD_URL_MESSAGE = '请求地址格式错误：含有无法解码的字符';

/** A value the database refused (SQLSTATE class 22) that validation let through. */
export const DATA_EXCEPTION_MESSAGE = '提交的内容含有无法保存的值（格式、长度或范围不符合要求），请检查后重试';

/** Seconds to wait when nothing said how long: one throttling window. */
const DEFAULT_RETRY_AFTER_SECONDS = 60;

/**
 * The standard `Retry-After` for a 429 that has none. @nestjs/throttler sets plain `Retry-After`
 * only for the throttler named "default"; for the others it sets `Retry-After-<name>` (e.g.
 * `Retry-After-auth`), which no client reads: the longest of those, else one window.
 */
function retryAfterFor429(reply: FastifyReply): string {
  let longest = 0;
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (!name.toLowerCase().startsWith('retry-after-')) continue;
    const seconds = Number(value);
    if (Number.isFinite(seconds) && seconds > longest) longest = Math.ceil(seconds);
  }
  return String(longest > 0 ? longest : DEFAULT_RETRY_AFTER_SECONDS);
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    const { body, headers } = toErrorBody(exception, String(request.id));
    const database =
      exception instanceof AppException || exception instanceof HttpException ? null : classifyDatabaseError(exception);
    if (database === 'unavailable') {
      this.logger.error({ err: exception, requestId: body.requestId }, 'Database unavailable');
    } else if (body.statusCode >= 500) {
      this.logger.error({ err: exception, requestId: body.requestId }, 'Unhandled error');
    } else if (database === 'data') {
      // A hole in validation: the request is refused, and the log says which rule is missing.
      this.logger.warn(
        { err: exception, requestId: body.requestId },
        'Database refused a value validation let through',
      );
    }
    if (headers) void reply.headers(headers);
    if (body.statusCode === 429 && !reply.hasHeader('retry-after')) {
      void reply.header('retry-after', retryAfterFor429(reply));
    }
    void reply.status(body.statusCode).send(body);
  }
}
