import { Injectable, Param, type PipeTransform } from '@nestjs/common';
import { fieldError } from './errors/app-exception';

/** Any RFC 4122-shaped UUID (PostgreSQL's `uuid` type accepts every version). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const UUID_PARAM_MESSAGE = '编号格式错误，请检查链接是否完整';

/**
 * Checks that a path parameter is a UUID before it reaches the database, so a malformed id answers
 * 400 VALIDATION_FAILED in the one error body instead of a database error.
 */
@Injectable()
export class ParseUuidPipe implements PipeTransform<unknown, string> {
  constructor(private readonly field = 'id') {}

  transform(value: unknown): string {
    if (typeof value === 'string' && UUID_PATTERN.test(value)) return value.toLowerCase();
    throw fieldError(this.field, UUID_PARAM_MESSAGE);
  }
}

/** `@UuidParam() id: string` — the path parameter `id` (or the one named), checked to be a UUID. */
export const UuidParam = (name = 'id'): ParameterDecorator => Param(name, new ParseUuidPipe(name));
