import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { redactLogValue, redactUrl } from './redact';

const REQUEST_ID = /^[\w.-]{8,64}$/;

/** A request's id: the caller's X-Request-Id when it is sane, otherwise a new UUID. */
export function requestIdFor(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}

/** pino options shared by the HTTP logger and the app: JSON lines, request ids, everything redacted. */
export function loggerParams(level: string, stream?: DestinationStream): Params {
  return {
    pinoHttp: {
      level,
      stream,
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const id = (req as IncomingMessage & { id?: string }).id ?? requestIdFor(req);
        res.setHeader('x-request-id', id);
        return id;
      },
      customProps: (req: IncomingMessage) => ({ requestId: (req as IncomingMessage & { id?: string }).id }),
      serializers: {
        req: (req: { id: string; method: string; url: string; remoteAddress?: string }) => ({
          id: req.id,
          method: req.method,
          url: redactUrl(req.url),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      formatters: {
        log: (object: Record<string, unknown>) => redactLogValue(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          // Mask anything sensitive in the message string and interpolation values too.
          const cleaned = args.map((a) => redactLogValue(a)) as Parameters<typeof method>;
          method.apply(this, cleaned);
        },
      },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      autoLogging: { ignore: (req) => req.url === '/health' },
    },
  };
}
