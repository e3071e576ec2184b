import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppException } from './errors/app-exception';

/** The deepest nesting of arrays and objects a JSON body may have. Our DTOs need 3. */
export const JSON_MAX_DEPTH = 32;

export const JSON_TOO_DEEP_MESSAGE = `请求内容嵌套层级过深（最多 ${JSON_MAX_DEPTH} 层）`;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/**
 * True when the raw JSON text nests arrays and objects deeper than `max`: one pass over the bytes,
 * counting `[` and `{` outside strings, stopping as soon as the limit is passed — before JSON.parse
 * builds the tree (and before class-transformer recurses into it, which overflowed the stack at a
 * few thousand levels). Works on UTF-8 bytes: no byte of a multi-byte character is ASCII. Malformed
 * JSON is left to JSON.parse to refuse.
 */
export function jsonNestsDeeperThan(body: Uint8Array, max: number = JSON_MAX_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const b = body[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) inString = true;
    else if (b === OPEN_ARRAY || b === OPEN_OBJECT) {
      if (++depth > max) return true;
    } else if (b === CLOSE_ARRAY || b === CLOSE_OBJECT) depth--;
  }
  return false;
}

type Done = (error: Error | null, body?: unknown) => void;

/**
 * The `application/json` parser: refuses a body nested deeper than JSON_MAX_DEPTH (400 BAD_JSON with
 * its own message), then parses it with Fastify's own parser (prototype-poisoning keys refused as before).
 */
export function jsonBodyParser(fastify: FastifyInstance): (req: FastifyRequest, body: Buffer, done: Done) => void {
  const parse = fastify.getDefaultJsonParser('error', 'error') as unknown as (
    req: FastifyRequest,
    body: Buffer,
    done: Done,
  ) => void;
  return (req, body, done) => {
    if (jsonNestsDeeperThan(body)) {
      done(new AppException('BAD_JSON', undefined, undefined, JSON_TOO_DEEP_MESSAGE));
      return;
    }
    parse(req, body, done);
  };
}
