import fastifyMultipart from '@fastify/multipart';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { AppException } from '../../common/errors/app-exception';
import { toErrorBody } from '../../common/errors/all-exceptions.filter';
import { IMAGE_UPLOAD_LIMITS } from './image-uploads.service';

/** The routes that take `multipart/form-data`, as Fastify names them. Every other route refuses it (415). */
export const MULTIPART_ROUTES: ReadonlySet<string> = new Set([
  '/api/v1/files/images',
  // 政策批量导入 also takes an .xlsx upload (server/src/modules/policies/admin-policies.controller.ts).
  '/api/v1/admin/policies/import',
]);

/**
 * Registers `@fastify/multipart` from this module (app.factory.ts stays as it is): through Nest's
 * adapter, which registers the plugin once, on the root instance, before the server starts. The plugin
 * only adds a parser for `multipart/form-data` that reads nothing (the route reads the stream itself);
 * JSON bodies are parsed as before. A multipart body sent to any other route is refused with 415, as it
 * was before the plugin existed, instead of reaching its handler with no body.
 */
@Injectable()
export class MultipartSetup implements OnModuleInit {
  constructor(private readonly host: HttpAdapterHost) {}

  onModuleInit(): void {
    const adapter = this.host.httpAdapter as FastifyAdapter | undefined;
    if (!adapter) return; // a testing module without HTTP
    // The adapter's signature wants a plugin for any server type; the plugin's types name the default one.
    adapter.register(fastifyMultipart as unknown as Parameters<FastifyAdapter['register']>[0], {
      limits: IMAGE_UPLOAD_LIMITS,
      throwFileSizeLimit: true,
    });
    adapter.getInstance<FastifyInstance>().addHook('onRequest', (req, reply, done) => {
      const route = req.routeOptions.url;
      const type = req.headers['content-type'];
      if (route === undefined || MULTIPART_ROUTES.has(route) || !type?.toLowerCase().startsWith('multipart/')) {
        return done();
      }
      const { body } = toErrorBody(new AppException('UNSUPPORTED_MEDIA_TYPE'), String(req.id));
      void reply.status(body.statusCode).send(body);
    });
  }
}
