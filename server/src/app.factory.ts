import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { IncomingMessage } from 'node:http';
import type { DestinationStream } from 'pino';
import { AppModule, type AppModuleOptions } from './app.module';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { createLogger, PinoNestLogger, requestContext, requestIdFor } from './common/logging/logger';
import { redactUrl } from './common/logging/redact';
import { withDtoSchemas } from './common/openapi/dto-schemas';
import { createValidationPipe } from './common/validation';

export interface CreateAppOptions extends AppModuleOptions {
  /** Where JSON log lines go (stdout by default; tests capture them). */
  logStream?: DestinationStream;
}

/** The built H5 app: H5_DIR, or miniapp/dist/h5 of this checkout when it has been built. */
export function h5Directory(configured?: string): string | null {
  const dir = configured ? resolve(configured) : resolve(__dirname, '..', '..', 'miniapp', 'dist', 'h5');
  return existsSync(join(dir, 'index.html')) ? dir : null;
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
  });
  const fastify = adapter.getInstance();
  // Every request: its id in a response header and in every log line written while serving it.
  fastify.addHook('onRequest', (req, reply, done) => {
    void reply.header('x-request-id', req.id);
    requestContext.run({ requestId: String(req.id) }, done);
  });
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
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        // Behind HTTPS in production; on a developer's http://127.0.0.1 the browser must not upgrade.
        upgradeInsecureRequests: config.isProduction ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });

  const h5 = h5Directory(config.H5_DIR);
  if (h5) {
    // The H5 build of the mini-program at `/`, one route per file (unknown paths still get our 404 body).
    await app.register(fastifyStatic, {
      root: h5,
      prefix: '/',
      wildcard: false,
      index: 'index.html',
      setHeaders: (res, path) =>
        void res.header('cache-control', path.endsWith('.html') ? 'no-cache' : 'public, max-age=300'),
    });
  }

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
  await app.init();
  return app;
}
