import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny S3 for tests: path-style `/<bucket>/<key>` PUT, GET and DELETE, objects in memory. Every request
 * must carry a valid AWS Signature Version 4 for the one access key it knows: the fake recomputes the
 * signature from the request as it arrived (written here again, not imported from the code under test)
 * and checks the body against `x-amz-content-sha256`. Anything else is refused as S3 would refuse it.
 */
export interface FakeS3 {
  url: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  objects: Map<string, { body: Buffer; contentType: string }>;
  /** Every request, with the answer given. */
  requests: { method: string; path: string; status: number; code?: string }[];
  /** Answer the next `n` requests with 500 InternalError (a storage outage). */
  failNext(n: number): void;
  close(): Promise<void>;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

function encode(s: string, slash: boolean): string {
  return encodeURIComponent(s)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%2F/g, slash ? '/' : '%2F');
}

function expectedSignature(req: IncomingMessage, signedHeaders: string[], scope: string[], secret: string): string {
  const url = new URL(req.url ?? '/', 'http://fake');
  const query = [...url.searchParams]
    .map(([k, v]) => `${encode(k, false)}=${encode(v, false)}`)
    .sort()
    .join('&');
  const headers = signedHeaders
    .map(
      (h) =>
        `${h}:${String(req.headers[h] ?? '')
          .trim()
          .replace(/\s+/g, ' ')}\n`,
    )
    .join('');
  const canonical = [
    req.method,
    encode(decodeURIComponent(url.pathname), true),
    query,
    headers,
    signedHeaders.join(';'),
    String(req.headers['x-amz-content-sha256']),
  ].join('\n');
  const stringToSign = ['AWS4-HMAC-SHA256', String(req.headers['x-amz-date']), scope.join('/'), sha256(canonical)].join(
    '\n',
  );
  const [day, region, service, terminal] = scope;
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), service), terminal);
  return createHmac('sha256', key).update(stringToSign).digest('hex');
}

function refuse(res: ServerResponse, status: number, code: string): { status: number; code: string } {
  res.writeHead(status, { 'content-type': 'application/xml' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`);
  return { status, code };
}

export async function startFakeS3(
  opts: { accessKeyId?: string; secretAccessKey?: string; bucket?: string; region?: string } = {},
): Promise<FakeS3> {
  const accessKeyId = opts.accessKeyId ?? 'FAKEACCESSKEY0001';
  const secretAccessKey = opts.secretAccessKey ?? 'fake/secret+key=0123456789abcdefghijklmn';
  const bucket = opts.bucket ?? 'qsgj-test';
  const region = opts.region ?? 'us-east-1';
  const objects: FakeS3['objects'] = new Map();
  const requests: FakeS3['requests'] = [];
  let failures = 0;

  const handle = (req: IncomingMessage, res: ServerResponse, body: Buffer): { status: number; code?: string } => {
    if (failures > 0) {
      failures -= 1;
      return refuse(res, 500, 'InternalError');
    }
    const auth =
      /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/(s3)\/(aws4_request), SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
        String(req.headers.authorization ?? ''),
      );
    if (!auth) return refuse(res, 403, 'AccessDenied');
    const [, keyId, day, signedRegion, service, terminal, signedList, signature] = auth;
    if (keyId !== accessKeyId) return refuse(res, 403, 'InvalidAccessKeyId');
    const date = String(req.headers['x-amz-date'] ?? '');
    if (!date.startsWith(day) || signedRegion !== region) return refuse(res, 403, 'SignatureDoesNotMatch');
    if (
      Math.abs(
        Date.parse(date.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z')) - Date.now(),
      ) >
      15 * 60_000
    ) {
      return refuse(res, 403, 'RequestTimeTooSkewed');
    }
    const signed = signedList.split(';');
    for (const required of ['host', 'x-amz-date', 'x-amz-content-sha256']) {
      if (!signed.includes(required)) return refuse(res, 403, 'SignatureDoesNotMatch');
    }
    if (expectedSignature(req, signed, [day, signedRegion, service, terminal], secretAccessKey) !== signature) {
      return refuse(res, 403, 'SignatureDoesNotMatch');
    }
    if (req.headers['x-amz-content-sha256'] !== sha256(body)) return refuse(res, 400, 'XAmzContentSHA256Mismatch');
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://fake').pathname);
    const [, pathBucket, ...rest] = path.split('/');
    const key = rest.join('/');
    if (pathBucket !== bucket) return refuse(res, 404, 'NoSuchBucket');
    switch (req.method) {
      case 'PUT':
        if (req.headers['content-length'] !== String(body.length)) return refuse(res, 400, 'IncompleteBody');
        objects.set(key, { body, contentType: String(req.headers['content-type'] ?? 'binary/octet-stream') });
        res.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` }).end();
        return { status: 200 };
      case 'GET': {
        const object = objects.get(key);
        if (!object) return refuse(res, 404, 'NoSuchKey');
        res
          .writeHead(200, { 'content-type': object.contentType, 'content-length': object.body.length })
          .end(object.body);
        return { status: 200 };
      }
      case 'DELETE':
        objects.delete(key);
        res.writeHead(204).end();
        return { status: 204 };
      default:
        return refuse(res, 405, 'MethodNotAllowed');
    }
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = handle(req, res, Buffer.concat(chunks));
      requests.push({ method: req.method ?? '', path: req.url ?? '', ...answer });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bucket,
    accessKeyId,
    secretAccessKey,
    region,
    objects,
    requests,
    failNext: (n) => void (failures = n),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
