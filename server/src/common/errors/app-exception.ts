import { ERROR_MESSAGES, type ErrorCode, type ErrorDetail } from '@qsgj/shared/errors';

/** The one exception type services throw. The global filter turns it into the error body. */
export class AppException extends Error {
  constructor(
    public readonly code: ErrorCode,
    public readonly details?: ErrorDetail[] | Record<string, unknown>,
    /** Extra response headers, e.g. Retry-After. */
    public readonly headers?: Record<string, string>,
    message?: string,
  ) {
    super(message ?? ERROR_MESSAGES[code]);
    this.name = 'AppException';
  }
}

/** The object exists for nobody who asks about it: answer exactly as if it did not exist. */
export function notFound(): AppException {
  return new AppException('NOT_FOUND');
}

/**
 * A hand-built validation failure of one field: 400 `VALIDATION_FAILED` (or `code`) whose message is the
 * field's, as the ValidationPipe answers for a DTO rule.
 */
export function fieldError(field: string, message: string, code: ErrorCode = 'VALIDATION_FAILED'): AppException {
  return new AppException(code, [{ field, message }], undefined, message);
}
