import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { findBadText } from '@qsgj/shared/contracts';
import type { ErrorDetail } from '@qsgj/shared/errors';
import { AppException, fieldError } from './errors/app-exception';

/** Rules that say a value is missing: they speak first when a field fails several rules. */
const PRESENCE = new Set(['isDefined', 'isNotEmpty']);
/** Rules that say a value has the wrong type: they speak before the rules about its content. */
const TYPE = new Set(['isString', 'isInt', 'isNumber', 'isBoolean', 'isArray', 'isObject']);

/** A missing value hears that it is missing; a present one of the wrong type (null too) hears its type. */
function rank(constraint: string, value: unknown): number {
  if (PRESENCE.has(constraint)) return value === undefined ? 0 : 2;
  return TYPE.has(constraint) ? 1 : 2;
}

/**
 * One message per field, the one that says what is wrong: a missing value is told it is missing,
 * a number where text belongs that it must be text (not that it is too long), and only a value of
 * the right type hears about its content. class-validator reports every failing rule, in the order
 * the decorators were applied (bottom-up), so the rules are ranked here instead.
 */
function flatten(errors: ValidationError[], prefix = ''): ErrorDetail[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const failed = Object.entries(e.constraints ?? {});
    const own: ErrorDetail[] = [];
    const unknownField = failed.find(([name]) => name === 'whitelistValidation');
    if (unknownField) own.push({ field, message: `不允许的字段：${field}` });
    else if (failed.length) {
      const [, message] = failed.reduce((best, next) =>
        rank(next[0], e.value) < rank(best[0], e.value) ? next : best,
      );
      own.push({ field, message });
    }
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** A JSON body, a query, a path parameter: what the pipe checks before any DTO rule. */
const REQUEST_PARTS = new Set<ArgumentMetadata['type']>(['body', 'query', 'param']);

/**
 * The global validation pipe. Before the DTO's rules, two that no DTO can forget: every text of the
 * request (values and keys, at any depth) must be storable — no NUL, no lone surrogate — and a body
 * validated by a DTO class must be a JSON object (not an array, a string, a number or null).
 */
class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (REQUEST_PARTS.has(metadata.type)) {
      const bad = findBadText(value, metadata.type === 'param' ? (metadata.data ?? '') : '');
      if (bad) throw fieldError(bad.field, bad.message);
    }
    if (metadata.type === 'body' && this.validatesWithClass(metadata)) {
      // No body at all: each field then says it is missing.
      if (value === undefined) value = {};
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw fieldError('(请求内容)', '请求内容必须是 JSON 对象，例如 {"字段": "值"}');
      }
    }
    return super.transform(value, metadata);
  }

  private validatesWithClass(metadata: ArgumentMetadata): boolean {
    const { metatype } = metadata;
    return typeof metatype === 'function' && ![String, Boolean, Number, Array, Object].includes(metatype as never);
  }
}

/** Validates every body and query with the shared DTO classes; unknown fields are refused. */
export function createValidationPipe(): ValidationPipe {
  return new AppValidationPipe({
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
