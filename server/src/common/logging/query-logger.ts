import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

/** A parameter value this short is never personal data, and hiding it would garble the message. */
const SHORTEST_HIDDEN = 3;
export const PARAMETER_HIDDEN = '[param]';

/**
 * TypeORM's logger for the app: a failed statement is one error line through the app's logger (pino,
 * redacted) with the SQL text, the SQLSTATE and PostgreSQL's message — never the parameters. TypeORM's
 * own logger printed `-- PARAMETERS: [...]` straight to stdout (phone numbers, names, token hashes),
 * past the redactor. PostgreSQL's `detail` ("Key (phone)=(…)", "Failing row contains (…)") is left
 * out for the same reason, and a parameter's value quoted in the message
 * (`invalid input syntax for type uuid: "…"`) is replaced by `[param]`.
 */
export class FailedQueryLogger implements TypeOrmLogger {
  private readonly logger = new Logger('Database');

  logQueryError(error: string | Error, query: string, parameters?: unknown[] | object): void {
    const e = (typeof error === 'string' ? { message: error } : error) as Error & {
      code?: string;
      constraint?: string;
      table?: string;
      column?: string;
    };
    this.logger.error(
      {
        query: oneLine(query),
        sqlState: e.code,
        constraint: e.constraint,
        table: e.table,
        column: e.column,
        reason: withoutParameters(String(e.message ?? ''), parameters),
      },
      'Query failed',
    );
  }

  // As with `logging: ['error']` before: nothing but failures.
  logQuery(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

function oneLine(sql: string): string {
  const text = sql.replace(/\s+/g, ' ').trim();
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}

/** The message with every parameter value that occurs in it replaced. */
export function withoutParameters(message: string, parameters?: unknown[] | object): string {
  const values = (Array.isArray(parameters) ? parameters : Object.values(parameters ?? {}))
    .flatMap((p) => (p === null || p === undefined ? [] : [typeof p === 'object' ? JSON.stringify(p) : String(p)]))
    .filter((v) => v.length >= SHORTEST_HIDDEN)
    .sort((a, b) => b.length - a.length);
  let out = message;
  for (const v of values) out = out.split(v).join(PARAMETER_HIDDEN);
  return out;
}
