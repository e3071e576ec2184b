import { ValidationPipe, type ValidationError } from '@nestjs/common';
import type { ErrorDetail } from '@qsgj/shared/errors';
import { AppException } from './errors/app-exception';

function flatten(errors: ValidationError[], prefix = ''): ErrorDetail[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([name, message]) => ({
      field,
      message: name === 'whitelistValidation' ? `不允许的字段：${field}` : message,
    }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Validates every body and query with the shared DTO classes; unknown fields are refused. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      return new AppException('VALIDATION_FAILED', details, undefined, details[0]?.message);
    },
  });
}
