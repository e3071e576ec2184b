import { applyDecorators, Header, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import type { Readable } from 'node:stream';
import { IMAGE_TYPES, isImageType } from './image-format';

/** A stored file opened for one response. */
export interface OpenedFile {
  id: string;
  stream: Readable;
  size: number;
  contentType: string;
  /** The response headers that go with it (type, length, disposition, caching, nosniff). */
  headers: Record<string, string>;
}

export const FILE_CACHE_CONTROL = 'private';

/** `inline; filename="<id>.<ext>"`: our name for it, never the uploader's. */
export function contentDisposition(id: string, contentType: string): string {
  const ext = isImageType(contentType) ? IMAGE_TYPES[contentType] : 'bin';
  return `inline; filename="${id}.${ext}"`;
}

export function fileHeaders(id: string, contentType: string, size: number): Record<string, string> {
  return {
    'content-type': contentType,
    'content-length': String(size),
    'content-disposition': contentDisposition(id, contentType),
    'cache-control': FILE_CACHE_CONTROL,
    'x-content-type-options': 'nosniff',
  };
}

/** The controller's return value for a file: its stream with type, length and disposition. */
export function fileResponse(file: OpenedFile): StreamableFile {
  return new StreamableFile(file.stream, {
    type: file.contentType,
    length: file.size,
    disposition: file.headers['content-disposition'],
  });
}

/**
 * On a route that answers a stored file (with `fileResponse`): `Cache-Control: private` (never in a
 * shared cache: every file is someone's), `X-Content-Type-Options: nosniff`, and the OpenAPI entry.
 */
export const ServesFile = (summary = '图片（JPEG、PNG 或 WebP）') =>
  applyDecorators(
    Header('Cache-Control', FILE_CACHE_CONTROL),
    Header('X-Content-Type-Options', 'nosniff'),
    ApiProduces('image/jpeg', 'image/png', 'image/webp'),
    ApiOkResponse({ description: summary, schema: { type: 'string', format: 'binary' } }),
  );
