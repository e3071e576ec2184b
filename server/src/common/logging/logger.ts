import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger as Pino } from 'pino';
import { redactLogValue } from './redact';

const REQUEST_ID = /^[\w.-]{8,64}$/;

/** The request being served, for log lines written anywhere below it. */
export const requestContext = new AsyncLocalStorage<{ requestId: string }>();

/** A request's id: the caller's X-Request-Id when it is sane, otherwise a new UUID. */
export function requestIdFor(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}

/**
 * JSON lines through pino. Every object logged is redacted (secrets replaced, phone numbers masked)
 * and carries the id of the request it belongs to.
 */
export function createLogger(level: string, stream?: DestinationStream): Pino {
  return pino(
    {
      level,
      base: { service: 'qsgj-server' },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => {
        const ctx = requestContext.getStore();
        // As the caller got it back: the phone masker never rewrites a request id (redact.ts).
        return ctx ? { requestId: ctx.requestId } : {};
      },
      // Every argument of every call (the object, the message, printf arguments) is redacted once,
      // here; the mixin's request id above is the only other thing that reaches a line.
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => redactLogValue(a)) as Parameters<typeof method>);
        },
      },
    },
    stream ?? stdoutDestination(),
  );
}

/**
 * stdout, written in chunks of about 4 KB rather than one write per line: under load a line per
 * request was a write system call per request. A quiet server's lines still go out within a second
 * (`periodicFlush`); pino writes what is left when the process exits, and createApp flushes it when
 * the app closes (a SIGTERM ends the process without an exit event).
 */
function stdoutDestination(): DestinationStream {
  return pino.destination({ sync: false, minLength: 4096, periodicFlush: 1000 });
}

const BOOT_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

/** Nest's logger interface on top of pino. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Pino) {}

  private write(requested: 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal', message: unknown, rest: unknown[]) {
    const context =
      rest.length && typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    // Nest's start-up chatter (every module and route) is debug, not info.
    const level = requested === 'info' && context && BOOT_CONTEXTS.has(context) ? 'debug' : requested;
    if (message && typeof message === 'object') {
      const msg = rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : undefined;
      this.logger[level]({ context, ...(message as object) }, msg);
    } else {
      this.logger[level]({ context }, String(message));
    }
  }

  log(message: unknown, ...rest: unknown[]) {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]) {
    this.write('fatal', message, rest);
  }
}
