import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { AppException, fieldError } from '../../common/errors/app-exception';
import { type Dimensions, imageDimensions, type ImageType, isImageType, SNIFF_BYTES, sniffMime } from './image-format';

/** Largest image accepted, in bytes: 10 MB exactly is kept, one byte more is refused. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** The head kept in memory to read width and height from (a JPEG's frame header follows its EXIF). */
const DIMENSION_HEAD_BYTES = 256 * 1024;

export const IMAGE_TYPE_MESSAGE = '只能上传 JPEG、PNG 或 WebP 格式的图片，该文件不是有效的图片';
export const IMAGE_TOO_LARGE_MESSAGE = '图片不能超过 10 MB，请压缩后重新上传';
export const UPLOAD_BROKEN_MESSAGE = '图片上传不完整，请重新上传';

/** An image received into a spool file, checked: its type from its bytes, its size within the limit. */
export interface ReceivedImage {
  path: string;
  type: ImageType;
  size: number;
  sha256: string;
  dimensions: Dimensions | null;
}

/** The file part of a multipart request, as busboy hands it (`truncated` once the size limit cut it). */
export type IncomingFile = Readable & { truncated?: boolean };

/** Writing the spool file failed: our disk, not the client's request. */
class SpoolError extends Error {
  constructor(readonly reason: unknown) {
    super('spool write failed');
  }
}

export function imageTooLarge(): AppException {
  return new AppException(
    'PAYLOAD_TOO_LARGE',
    [{ field: 'file', message: IMAGE_TOO_LARGE_MESSAGE }],
    undefined,
    IMAGE_TOO_LARGE_MESSAGE,
  );
}

/**
 * Reads one uploaded file into a spool file in `spoolDir`, hashing it on the way; never holds more than
 * its first 256 KB in memory. The type is decided from the first bytes (as soon as `file-type` has
 * enough): anything but JPEG, PNG or WebP is refused (400) and nothing of it is written. The parser cuts
 * the file at `MAX_IMAGE_BYTES` (the limit it was given); a file it cut is refused (413). Either way the
 * rest of the request is read to its end and dropped, so the client gets its answer rather than a
 * broken connection. On any refusal nothing is left in `spoolDir`.
 */
export async function receiveImage(file: IncomingFile, spoolDir: string): Promise<ReceivedImage> {
  const path = join(spoolDir, randomBytes(16).toString('hex'));
  const hash = createHash('sha256');
  const head: Buffer[] = [];
  let headBytes = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let size = 0;
  let type: ImageType | null = null;
  let refused = false;
  let out: WriteStream | null = null;

  const write = async (chunk: Buffer): Promise<void> => {
    try {
      if (!out) {
        out = createWriteStream(path, { flags: 'wx' });
        out.on('error', () => undefined); // surfaced by once() / finished() below
      }
      if (!out.write(chunk)) await once(out, 'drain');
    } catch (e) {
      throw new SpoolError(e);
    }
  };
  /** Decides the type from the bytes held back so far; writes them out when it is an image. */
  const decide = async (): Promise<void> => {
    const bytes = Buffer.concat(pending);
    pending = [];
    const mime = await sniffMime(bytes.subarray(0, SNIFF_BYTES));
    if (!isImageType(mime)) {
      refused = true;
      return;
    }
    type = mime;
    await write(bytes);
  };

  try {
    try {
      for await (const chunk of file as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (refused) continue; // read to the end, keep nothing
        hash.update(chunk);
        if (headBytes < DIMENSION_HEAD_BYTES) {
          head.push(chunk);
          headBytes += chunk.length;
        }
        if (type !== null) {
          await write(chunk);
          continue;
        }
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= SNIFF_BYTES) await decide();
      }
    } catch (e) {
      if (e instanceof SpoolError) throw e.reason;
      // The request broke off, or its multipart body is malformed: the client's side.
      throw fieldError('file', UPLOAD_BROKEN_MESSAGE);
    }
    if (file.truncated) throw imageTooLarge();
    if (type === null && !refused) await decide();
    const decided: ImageType | null = type;
    if (refused || decided === null) throw fieldError('file', IMAGE_TYPE_MESSAGE);
    const written = out as WriteStream | null;
    if (!written) throw new Error('an accepted image was not written');
    written.end();
    await finished(written);
    return {
      path,
      type: decided,
      size,
      sha256: hash.digest('hex'),
      dimensions: imageDimensions(decided, Buffer.concat(head)),
    };
  } catch (e) {
    const o = out as WriteStream | null;
    if (o && !o.closed) {
      o.destroy();
      await once(o, 'close').catch(() => undefined);
    }
    await rm(path, { force: true });
    throw e instanceof SpoolError ? e.reason : e;
  }
}
