import type { FastifyHelmetOptions } from '@fastify/helmet';
import { createRequire } from 'node:module';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { DestinationStream } from 'pino';
import { AppModule, type AppModuleOptions } from './app.module';
import { AllExceptionsFilter, toErrorBody } from './common/errors/all-exceptions.filter';
import { h5Root, registerH5 } from './common/h5/h5';
import { createLogger, PinoNestLogger, requestContext, requestIdFor } from './common/logging/logger';
import { redactUrl } from './common/logging/redact';
import { jsonBodyParser } from './common/json-body';
import { withDtoSchemas } from './common/openapi/dto-schemas';
import { createValidationPipe } from './common/validation';

export interface CreateAppOptions extends AppModuleOptions {
  /** Where JSON log lines go (stdout by default; tests capture them). */
  logStream?: DestinationStream;
}

/** Helmet's settings: a strict CSP for the H5 app and the API docs. */
function helmetOptions(isProduction: boolean): FastifyHelmetOptions {
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        // blob: H5's uploadFile reads the picked image (a blob: URL) with fetch before it posts it.
        connectSrc: ["'self'", 'blob:'],
        // Behind HTTPS in production; on a developer's http://127.0.0.1 the browser must not upgrade.
        upgradeInsecureRequests: isProduction ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
  };
}

type HeaderSink = { setHeader(name: string, value: string): void; removeHeader(name: string): void };
type HelmetMiddleware = (req: unknown, res: HeaderSink, next: (error?: unknown) => void) => void;

/**
 * The headers @fastify/helmet would set with these settings, worked out once at boot by the same
 * `helmet` it wraps (resolved through it: not a dependency of ours). The plugin runs
 * `helmet(options)` again on every request, parsing the CSP anew; with no nonces and no per-route
 * settings its headers are the same for every response, so they are set as they are.
 */
function securityHeaders(options: FastifyHelmetOptions): Record<string, string> {
  const helmet = createRequire(require.resolve('@fastify/helmet'))('helmet') as (o: object) => HelmetMiddleware;
  const headers: Record<string, string> = {};
  const sink: HeaderSink = {
    setHeader: (name, value) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name) => void delete headers[name.toLowerCase()],
  };
  helmet(options)({}, sink, (error) => {
    if (error) throw error instanceof Error ? error : new Error(String(error));
  });
  if (!headers['content-security-policy']) throw new Error('helmet set no Content-Security-Policy');
  return headers;
}

/** Builds the whole application, ready to listen. Used by main.ts and by every API test. */
export async function createApp(options: CreateAppOptions): Promise<NestFastifyApplication> {
  const { config } = options;
  const logger = createLogger(config.LOG_LEVEL, options.logStream);
  const adapter = new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT,
    trustProxy: config.TRUST_PROXY,
    genReqId: (req: IncomingMessage) => requestIdFor(req),
    routerOptions: { ignoreTrailingSlash: true },
    // A path Fastify cannot decode (`%FF`, a lone surrogate's bytes) fails before any hook or filter.
    frameworkErrors: (error: Error, req: FastifyRequest, reply: FastifyReply) => {
      const { body } = toErrorBody(error, String(req.id));
      void reply.header('x-request-id', req.id).status(body.statusCode).send(body);
    },
  });
  const fastify = adapter.getInstance();
  const helmetHeaders = securityHeaders(helmetOptions(config.isProduction));
  // Every request: its id in a response header and in every log line written while serving it,
  // and helmet's security headers.
  fastify.addHook('onRequest', (req, reply, done) => {
    void reply.header('x-request-id', req.id).headers(helmetHeaders);
    requestContext.run({ requestId: String(req.id) }, done);
  });
  // Lines still buffered when the app closes: a shutdown on SIGTERM ends the process without an exit event.
  fastify.addHook('onClose', (_instance, done) => logger.flush(() => done()));
  fastify.addHook('onResponse', (req, reply, done) => {
    if (req.url !== '/health') {
      const line = {
        req: { method: req.method, url: redactUrl(req.url) },
        res: { statusCode: reply.statusCode },
        responseTimeMs: Math.round(reply.elapsedTime),
      };
      if (reply.statusCode >= 500) logger.error(line, 'request failed');
      else logger.info(line, 'request completed');
    }
    done();
  });

  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(options), adapter, {
    logger: new PinoNestLogger(logger),
    abortOnError: false,
  });
  // JSON bodies nested deeper than JSON_MAX_DEPTH are refused before they are parsed (400).
  app.useBodyParser('application/json', { bodyLimit: config.BODY_LIMIT }, jsonBodyParser(fastify));
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  // The H5 build of the mini-program at `/`, or 「正在准备应用…」 until `pnpm start` has built it.
  await registerH5(fastify, { dir: h5Root(config.H5_DIR), showLog: !config.isProduction });

  // The API document and its UI: off in production unless API_DOCS=on (it maps every route for a visitor).
  if (config.API_DOCS === 'on' || (config.API_DOCS === 'auto' && !config.isProduction)) setupApiDocs(app);
  await app.init();
  return app;
}

/** `/api/docs` (Swagger UI) and `/api/docs/json` (the OpenAPI document), described from the shared DTOs. */
function setupApiDocs(app: NestFastifyApplication): void {
  const document = withDtoSchemas(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('亲商管家 API')
        .setDescription(
          '亲商管家营商服务通：企业用户、亲商管家与管理员的接口。错误统一返回 { statusCode, code, message, details?, requestId }。',
        )
        .setVersion('1')
        .addBearerAuth()
        .build(),
    ),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/json' });
}
