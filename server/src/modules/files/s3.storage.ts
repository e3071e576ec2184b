import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertStorageKey, type ObjectStorage, type PutOptions, type StoredObject } from './object-storage';
import { EMPTY_SHA256, sha256Hex, signRequest, type SigV4Credentials } from './sigv4';

export interface S3Settings {
  /** `https://s3.example.com` (or `http://127.0.0.1:9000` for a local MinIO). */
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** Milliseconds without progress before a request is abandoned. */
  timeoutMs?: number;
}

/** S3 said no (or something between us and it did). */
export class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly s3Code: string | null,
    operation: string,
  ) {
    super(`S3 ${operation} failed: HTTP ${status}${s3Code ? ` ${s3Code}` : ''}`);
    this.name = 'S3Error';
  }
}

/**
 * Any S3-compatible service, addressed path-style (`<endpoint>/<bucket>/<key>`, what MinIO and most
 * self-hosted services expect), each request signed with SigV4 (`sigv4.ts`). A body is sent with its
 * length and SHA-256 (S3 wants both before the first byte): a stream whose length and hash the caller
 * does not give is spooled to a temporary file first, never held in memory.
 */
export class S3Storage implements ObjectStorage {
  readonly kind = 's3' as const;
  private readonly credentials: SigV4Credentials;
  private readonly base: URL;

  constructor(private readonly settings: S3Settings) {
    this.credentials = {
      accessKeyId: settings.accessKeyId,
      secretAccessKey: settings.secretAccessKey,
      region: settings.region,
      service: 's3',
    };
    this.base = new URL(settings.endpoint);
  }

  private urlOf(key: string): URL {
    assertStorageKey(key);
    const url = new URL(this.base.toString());
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/${this.settings.bucket}/${key}`;
    return url;
  }

  async put(key: string, body: Readable | Buffer, contentType: string, options: PutOptions = {}): Promise<void> {
    if (Buffer.isBuffer(body)) {
      await this.send('PUT', key, { 'content-type': contentType }, sha256Hex(body), body, body.length);
      return;
    }
    if (options.size !== undefined && options.sha256) {
      await this.send('PUT', key, { 'content-type': contentType }, options.sha256, body, options.size);
      return;
    }
    const dir = await mkdtemp(join(tmpdir(), 'qsgj-s3-'));
    try {
      const spool = join(dir, randomBytes(8).toString('hex'));
      const hash = createHash('sha256');
      await pipeline(
        body,
        new Transform({
          transform(chunk: Buffer, _enc, done) {
            hash.update(chunk);
            done(null, chunk);
          },
        }),
        createWriteStream(spool),
      );
      const { size } = await stat(spool);
      await this.send('PUT', key, { 'content-type': contentType }, hash.digest('hex'), createReadStream(spool), size);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async get(key: string): Promise<StoredObject | null> {
    const res = await this.send('GET', key, {}, EMPTY_SHA256, null, 0, true);
    if (!res) return null;
    return { stream: res, size: Number(res.headers['content-length'] ?? 0) };
  }

  async delete(key: string): Promise<void> {
    await this.send('DELETE', key, {}, EMPTY_SHA256, null, 0);
  }

  /**
   * One signed request. Answers the response stream for a GET that succeeded (null for 404); any
   * other answer is read to the end and, when not 2xx, thrown as an S3Error.
   */
  private send(
    method: 'GET' | 'PUT' | 'DELETE',
    key: string,
    extra: Record<string, string>,
    payloadHash: string,
    body: Readable | Buffer | null,
    length: number,
    keepBody = false,
  ): Promise<IncomingMessage | null> {
    const url = this.urlOf(key);
    const headers = signRequest(
      {
        method,
        url,
        headers: { ...extra, ...(method === 'PUT' ? { 'content-length': String(length) } : {}) },
        payloadHash,
      },
      this.credentials,
    );
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<IncomingMessage | null>((resolve, reject) => {
      const req = request(url, { method, headers, timeout: this.settings.timeoutMs ?? 30_000 }, (res) => {
        const status = res.statusCode ?? 0;
        if (keepBody && status === 200) return resolve(res);
        const chunks: Buffer[] = [];
        let kept = 0;
        res.on('data', (c: Buffer) => {
          // An error document is small; keep at most 4 KB of whatever came.
          if (kept < 4096) chunks.push(c);
          kept += c.length;
        });
        res.on('error', reject);
        res.on('end', () => {
          if (status >= 200 && status < 300) return resolve(null);
          if (status === 404 && method === 'GET') return resolve(null);
          const code = /<Code>([^<]{1,64})<\/Code>/.exec(Buffer.concat(chunks).toString('utf8'))?.[1] ?? null;
          reject(new S3Error(status, code, method));
        });
      });
      req.on('timeout', () => req.destroy(new Error(`S3 ${method} timed out`)));
      req.on('error', reject);
      if (body === null) req.end();
      else if (Buffer.isBuffer(body)) req.end(body);
      else
        pipeline(body, req).catch((e: Error) => {
          req.destroy(e);
          reject(e);
        });
    });
  }
}
