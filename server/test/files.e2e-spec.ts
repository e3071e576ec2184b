import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Response } from 'supertest';
import { Role } from '@qsgj/shared/enums';
import { ConfigError, loadConfig } from '../src/config/app-config';
import { FileEntity } from '../src/modules/files/file.entity';
import { ATTACH_MESSAGES, FilesService, MAX_FILES_PER_OWNER } from '../src/modules/files/files.service';
import { IMAGE_TOO_LARGE_MESSAGE, IMAGE_TYPE_MESSAGE, MAX_IMAGE_BYTES } from '../src/modules/files/image-receiver';
import {
  ImageUploadsService,
  NO_FILE_MESSAGE,
  NOT_MULTIPART_MESSAGE,
} from '../src/modules/files/image-uploads.service';
import { S3Error, S3Storage } from '../src/modules/files/s3.storage';
import { startFakeS3, type FakeS3 } from './utils/fake-s3';
import { JPEG_3X2, NOT_IMAGES, paddedTo, png, WEBP_3X2_VP8X } from './utils/images';
import { makeCreditCode, type SignedIn, signInWechat, staffSession } from './utils/factories';
import { startTestApp, type TestApp } from './utils/test-app';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every file under `dir`, relative, recursively. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => statSync(join(dir, p)).isFile());
}

/** Reads a response body as bytes, whatever its type (a supertest parser). */
const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void): void => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('image uploads (local disk)', () => {
  let t: TestApp;
  let storageDir: string;
  let owner: SignedIn;
  let ownerEnterpriseId: string;
  let other: SignedIn;
  let butler: SignedIn;

  const upload = (who: SignedIn | null, bytes: Buffer, filename = 'photo.jpg', contentType = 'image/jpeg') => {
    const req = t.http.post('/api/v1/files/images');
    if (who) req.set(who.auth);
    return req.attach('file', bytes, { filename, contentType });
  };
  const rows = async (): Promise<number> => (await t.ds.query('SELECT count(*)::int n FROM files'))[0].n;
  const spoolDir = () => (t.app.get(ImageUploadsService) as unknown as { spoolDir: string }).spoolDir;

  beforeAll(async () => {
    storageDir = mkdtempSync(join(tmpdir(), 'qsgj-files-e2e-'));
    t = await startTestApp({ STORAGE_DIR: storageDir });
    owner = await signInWechat(t);
    const bound = await t.http
      .post('/api/v1/me/enterprise')
      .set(owner.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ creditCode: makeCreditCode(), name: '湘潭图片测试有限公司', contactName: '孙八' });
    expect(bound.status).toBe(201);
    [{ enterprise_id: ownerEnterpriseId }] = await t.ds.query(
      `SELECT enterprise_id FROM enterprise_members WHERE user_id = $1 AND status = 'approved'`,
      [owner.user.id],
    );
    other = await signInWechat(t);
    butler = await staffSession(t, Role.BUTLER);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  it.each([
    ['JPEG', JPEG_3X2, 'image/jpeg', 'jpg'],
    ['PNG', png(3, 2), 'image/png', 'png'],
    ['WebP', WEBP_3X2_VP8X, 'image/webp', 'webp'],
  ] as const)(
    'keeps a %s, typed by its bytes, under a random name, and shows it to its uploader',
    async (_n, bytes, type, ext) => {
      // The client's name and type are ignored: the bytes decide.
      const res = await upload(owner, bytes, '../../etc/passwd.gif', 'text/html');
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ id: expect.any(String), contentType: type, size: bytes.length, width: 3, height: 2 });
      const row = await t.ds.getRepository(FileEntity).findOneByOrFail({ id: res.body.id });
      expect(row).toMatchObject({
        contentType: type,
        size: bytes.length,
        sha256: sha256(bytes),
        width: 3,
        height: 2,
        uploadedBy: owner.user.id,
        enterpriseId: ownerEnterpriseId,
        ownerKind: null,
        ownerId: null,
      });
      expect(row.storageKey).toMatch(/^img\/[0-9a-f]{32}$/);
      expect(row.storageKey).not.toContain(row.id);
      expect(readFileSync(join(storageDir, row.storageKey))).toEqual(bytes);

      const got = await t.http.get(`/api/v1/files/${row.id}`).set(owner.auth).buffer(true).parse(binary);
      expect(got.status).toBe(200);
      expect(got.body).toEqual(bytes);
      expect(got.headers).toMatchObject({
        'content-type': type,
        'content-length': String(bytes.length),
        'content-disposition': `inline; filename="${row.id}.${ext}"`,
        'cache-control': 'private',
        'x-content-type-options': 'nosniff',
      });
    },
  );

  it('records no enterprise for staff uploads', async () => {
    const res = await upload(butler, png(1, 1));
    expect(res.status).toBe(201);
    const row = await t.ds.getRepository(FileEntity).findOneByOrFail({ id: res.body.id });
    expect(row).toMatchObject({ uploadedBy: butler.user.id, enterpriseId: null });
  });

  it.each(Object.entries(NOT_IMAGES))('refuses %s named .jpg: 400, nothing kept', async (_name, bytes) => {
    const before = { rows: await rows(), files: filesUnder(storageDir).length };
    const res = await upload(owner, bytes, 'photo.jpg', 'image/jpeg');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', message: IMAGE_TYPE_MESSAGE });
    expect({ rows: await rows(), files: filesUnder(storageDir).length }).toEqual(before);
    expect(filesUnder(spoolDir())).toEqual([]);
  });

  it('refuses an empty file and a request without a file', async () => {
    expect((await upload(owner, Buffer.alloc(0))).body.message).toBe(IMAGE_TYPE_MESSAGE);
    const noFile = await t.http.post('/api/v1/files/images').set(owner.auth).field('name', 'x');
    expect(noFile.status).toBe(400);
    expect(noFile.body.message).toBe(NO_FILE_MESSAGE);
  });

  it('accepts 10 MB exactly; refuses 10 MB + 1 byte with 413, leaving no row, object or spool file', async () => {
    const exact = await upload(owner, paddedTo(png(3, 2), MAX_IMAGE_BYTES));
    expect(exact.status).toBe(201);
    expect(exact.body.size).toBe(10 * 1024 * 1024);
    const stored = await t.ds.getRepository(FileEntity).findOneByOrFail({ id: exact.body.id });
    expect(statSync(join(storageDir, stored.storageKey)).size).toBe(MAX_IMAGE_BYTES);

    const before = { rows: await rows(), files: filesUnder(storageDir).length };
    const over = await upload(owner, paddedTo(png(3, 2), MAX_IMAGE_BYTES + 1));
    expect(over.status).toBe(413);
    expect(over.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: IMAGE_TOO_LARGE_MESSAGE });
    expect({ rows: await rows(), files: filesUnder(storageDir).length }).toEqual(before);
    expect(filesUnder(spoolDir())).toEqual([]);
    // The connection survived: the next request on the app is answered.
    expect((await upload(owner, png(1, 1))).status).toBe(201);
  }, 30_000);

  it('shows an upload to its uploader only: anyone else 404, signed out 401', async () => {
    const { id } = (await upload(owner, png(2, 2))).body as { id: string };
    expect((await t.http.get(`/api/v1/files/${id}`).set(other.auth)).status).toBe(404);
    expect((await t.http.get(`/api/v1/files/${id}`).set(butler.auth)).status).toBe(404);
    expect((await t.http.get(`/api/v1/files/${id}`)).status).toBe(401);
    expect((await t.http.get(`/api/v1/files/${randomUUID()}`).set(owner.auth)).status).toBe(404);
    expect((await t.http.get('/api/v1/files/not-a-uuid').set(owner.auth)).status).toBe(400);
  });

  it('refuses uploads from signed-out callers (401) and from enterprise users without consent (403)', async () => {
    const before = await rows();
    expect((await upload(null, png(1, 1))).status).toBe(401);
    const unconsented = await signInWechat(t, undefined, { consent: false });
    const res = await upload(unconsented, png(1, 1));
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('CONSENT_REQUIRED');
    expect(await rows()).toBe(before);
  });

  it('takes multipart on the upload route only; JSON elsewhere is parsed as before', async () => {
    const json = await t.http.post('/api/v1/files/images').set(owner.auth).send({ file: 'x' });
    expect(json.status).toBe(415);
    expect(json.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', message: NOT_MULTIPART_MESSAGE });
    const elsewhere = await t.http.patch('/api/v1/me').set(owner.auth).attach('file', png(1, 1), 'a.png');
    expect(elsewhere.status).toBe(415);
    expect(elsewhere.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const patched = await t.http.patch('/api/v1/me').set(owner.auth).send({ largeFont: true });
    expect(patched.status).toBe(200);
  });

  describe('attach', () => {
    const files = () => t.app.get(FilesService);
    const newOwner = () => ({ kind: 'case', id: randomUUID() });
    const uploadMany = async (who: SignedIn, n: number): Promise<string[]> => {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) ids.push(((await upload(who, png(1, 1))).body as { id: string }).id);
      return ids;
    };
    const attach = (ids: string[], to: { kind: string; id: string }, by: SignedIn) =>
      t.ds.transaction((manager) => files().attach(manager, ids, to, { id: by.user.id }));
    const ownerOf = async (id: string) =>
      (await t.ds.getRepository(FileEntity).findOneByOrFail({ id })) as Pick<FileEntity, 'ownerKind' | 'ownerId'>;
    const refusal = async (p: Promise<unknown>) => {
      const e = await p.then(
        () => null,
        (err: unknown) => err as { code: string; message: string; details: unknown },
      );
      if (!e) throw new Error('attach was not refused');
      return { code: e.code, message: e.message, details: e.details };
    };

    it('attaches the uploader’s own files, then serves them only through the owner', async () => {
      const ids = await uploadMany(owner, 2);
      const to = newOwner();
      await attach(ids, to, owner);
      for (const id of ids) expect(await ownerOf(id)).toMatchObject({ ownerKind: 'case', ownerId: to.id });
      // Attached: no longer the uploader's preview, the owner's route serves it.
      expect((await t.http.get(`/api/v1/files/${ids[0]}`).set(owner.auth)).status).toBe(404);
      const opened = await files().openForOwner(ids[0], to);
      expect(opened.headers).toMatchObject({ 'content-type': 'image/png', 'x-content-type-options': 'nosniff' });
      opened.stream.destroy();
      await expect(files().openForOwner(ids[0], { kind: 'case', id: randomUUID() })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      await expect(files().openForOwner(ids[0], { kind: 'news', id: to.id })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      expect((await files().listForOwner(to)).map((f) => f.id).sort()).toEqual([...ids].sort());
    });

    it('refuses another user’s file, and attaches none of the batch', async () => {
      const [mine] = await uploadMany(owner, 1);
      const [theirs] = await uploadMany(other, 1);
      const e = await refusal(attach([mine, theirs], newOwner(), owner));
      expect(e).toEqual({
        code: 'VALIDATION_FAILED',
        message: ATTACH_MESSAGES.missing,
        details: [{ field: 'images[1]', message: ATTACH_MESSAGES.missing }],
      });
      expect(await ownerOf(mine)).toMatchObject({ ownerKind: null });
      expect(await ownerOf(theirs)).toMatchObject({ ownerKind: null });
      expect((await refusal(attach([randomUUID()], newOwner(), owner))).message).toBe(ATTACH_MESSAGES.missing);
    });

    it('refuses a file already attached, and a duplicate', async () => {
      const [id] = await uploadMany(owner, 1);
      const first = newOwner();
      await attach([id], first, owner);
      expect((await refusal(attach([id], newOwner(), owner))).message).toBe(ATTACH_MESSAGES.used);
      expect(await ownerOf(id)).toMatchObject({ ownerId: first.id });
      const [again] = await uploadMany(owner, 1);
      expect((await refusal(attach([again, again], newOwner(), owner))).message).toBe(ATTACH_MESSAGES.duplicate);
    });

    it(`takes ${MAX_FILES_PER_OWNER} files, refuses 10 (at once or in two goes)`, async () => {
      const ten = await uploadMany(owner, 10);
      expect(await refusal(attach(ten, newOwner(), owner))).toMatchObject({ message: ATTACH_MESSAGES.tooMany });
      for (const id of ten) expect(await ownerOf(id)).toMatchObject({ ownerKind: null });
      const to = newOwner();
      await attach(ten.slice(0, 9), to, owner);
      expect(await refusal(attach(ten.slice(9), to, owner))).toMatchObject({ message: ATTACH_MESSAGES.tooMany });
      expect(await ownerOf(ten[9])).toMatchObject({ ownerKind: null });
    });

    it('refuses an upload older than 24 hours', async () => {
      const [fresh, stale] = await uploadMany(owner, 2);
      await t.ds.query(`UPDATE files SET created_at = now() - interval '23 hours 59 minutes' WHERE id = $1`, [fresh]);
      await t.ds.query(`UPDATE files SET created_at = now() - interval '24 hours 1 minute' WHERE id = $1`, [stale]);
      expect(await refusal(attach([stale], newOwner(), owner))).toMatchObject({ message: ATTACH_MESSAGES.expired });
      await attach([fresh], newOwner(), owner);
      expect(await ownerOf(fresh)).toMatchObject({ ownerKind: 'case' });
    });
  });

  describe('sweep of unattached uploads', () => {
    const age = (id: string, interval: string) =>
      t.ds.query(`UPDATE files SET created_at = now() - $2::interval WHERE id = $1`, [id, interval]);
    const keyOf = async (id: string) => (await t.ds.getRepository(FileEntity).findOneByOrFail({ id })).storageKey;

    it('deletes row and object of an upload unattached for more than 24 hours, and nothing else', async () => {
      // Earlier tests' garbage goes first, so the counts below are this test's.
      await t.app.get(FilesService).sweepGarbage();
      const ids = await Promise.all([1, 2, 3, 4].map(async () => (await upload(owner, png(1, 1))).body.id as string));
      const [kept, gone, attachedOld, fresh] = ids;
      await age(kept, '23 hours 59 minutes');
      await age(gone, '24 hours 1 minute');
      await t.ds.transaction((m) =>
        t.app.get(FilesService).attach(m, [attachedOld], { kind: 'case', id: randomUUID() }, { id: owner.user.id }),
      );
      await age(attachedOld, '30 days');
      const keys = Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await keyOf(id)])));

      expect(await t.app.get(FilesService).sweepGarbage()).toBe(1);
      const left = (await t.ds.query('SELECT id FROM files WHERE id = ANY($1)', [ids])).map(
        (r: { id: string }) => r.id,
      );
      expect(left.sort()).toEqual([kept, attachedOld, fresh].sort());
      expect(existsSync(join(storageDir, keys[gone]))).toBe(false);
      for (const id of [kept, attachedOld, fresh]) expect(existsSync(join(storageDir, keys[id]))).toBe(true);
    });

    it('sweeps each file once when several processes sweep at the same time', async () => {
      await t.app.get(FilesService).sweepGarbage();
      const ids: string[] = [];
      for (let i = 0; i < 60; i++) ids.push((await upload(owner, png(1, 1))).body.id as string);
      await t.ds.query(`UPDATE files SET created_at = now() - interval '2 days' WHERE id = ANY($1)`, [ids]);
      const counts = await Promise.all([1, 2, 3].map(() => t.app.get(FilesService).sweepGarbage()));
      expect(counts.reduce((a, b) => a + b, 0)).toBe(60);
      expect((await t.ds.query('SELECT count(*)::int n FROM files WHERE id = ANY($1)', [ids]))[0].n).toBe(0);
    }, 60_000);
  });
});

describe('S3 storage', () => {
  let s3: FakeS3;
  const storage = (secret?: string) =>
    new S3Storage({
      endpoint: s3.url,
      bucket: s3.bucket,
      accessKeyId: s3.accessKeyId,
      secretAccessKey: secret ?? s3.secretAccessKey,
      region: s3.region,
    });
  const key = () => `img/${randomBytes(16).toString('hex')}`;
  const read = async (stream: Readable) => {
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  };

  beforeAll(async () => {
    s3 = await startFakeS3();
  });
  afterAll(() => s3?.close());

  it('puts (a buffer, a stream of unknown length, a stream with its length and hash), gets and deletes', async () => {
    const bytes = randomBytes(300_000);
    const [k1, k2, k3] = [key(), key(), key()];
    await storage().put(k1, bytes, 'image/png');
    await storage().put(k2, Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]), 'image/png');
    await storage().put(k3, Readable.from([bytes]), 'image/png', { size: bytes.length, sha256: sha256(bytes) });
    for (const k of [k1, k2, k3]) {
      // Compared by hash: Jest compares a large Buffer byte by byte, slowly.
      const stored = s3.objects.get(k);
      expect({ sha256: sha256(stored!.body), contentType: stored!.contentType }).toEqual({
        sha256: sha256(bytes),
        contentType: 'image/png',
      });
      const got = await storage().get(k);
      expect(got?.size).toBe(bytes.length);
      expect(sha256(await read(got!.stream))).toBe(sha256(bytes));
    }
    await storage().delete(k1);
    expect(s3.objects.has(k1)).toBe(false);
    expect(await storage().get(k1)).toBeNull();
    await storage().delete(k1); // already gone: not an error
    // Path-style: /<bucket>/<key>
    expect(s3.requests.at(-1)?.path).toBe(`/${s3.bucket}/${k1}`);
  });

  it('is refused when the signature is wrong (another secret) or the body is not the one signed', async () => {
    await expect(storage('not-the-secret').put(key(), Buffer.from('x'), 'image/png')).rejects.toMatchObject({
      status: 403,
      s3Code: 'SignatureDoesNotMatch',
    });
    const lying = storage().put(key(), Readable.from([Buffer.from('abc')]), 'image/png', {
      size: 3,
      sha256: sha256(Buffer.from('abd')),
    });
    await expect(lying).rejects.toBeInstanceOf(S3Error);
    await expect(lying).rejects.toMatchObject({ s3Code: 'XAmzContentSHA256Mismatch' });
    expect(s3.objects.size).toBe(2);
  });

  it('is configured with all four S3_* variables or none', () => {
    const base = { NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32) };
    const s3Vars = {
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_BUCKET: 'qsgj-files',
      S3_ACCESS_KEY_ID: 'minioadmin',
      S3_SECRET_ACCESS_KEY: 'minioadmin',
    };
    expect(loadConfig({ ...base, ...s3Vars })).toMatchObject({ ...s3Vars, S3_REGION: 'us-east-1' });
    const { S3_SECRET_ACCESS_KEY: _s, ...three } = s3Vars;
    expect(() => loadConfig({ ...base, ...three })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, ...three })).toThrow(/set all four or none \(missing S3_SECRET_ACCESS_KEY\)/);
    expect(() => loadConfig({ ...base, ...s3Vars, S3_BUCKET: 'Not_A_Bucket' })).toThrow(/S3_BUCKET/);
  });

  describe('as the app’s storage (S3_* configured)', () => {
    let t: TestApp;
    let owner: SignedIn;
    let localDir: string;
    beforeAll(async () => {
      localDir = mkdtempSync(join(tmpdir(), 'qsgj-files-unused-'));
      t = await startTestApp({
        STORAGE_DIR: localDir,
        S3_ENDPOINT: s3.url,
        S3_BUCKET: s3.bucket,
        S3_ACCESS_KEY_ID: s3.accessKeyId,
        S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      });
      owner = await signInWechat(t);
    }, 60_000);
    afterAll(async () => {
      await t?.close();
      rmSync(localDir, { recursive: true, force: true });
    });

    it('stores uploads in S3, serves them from there, sweeps them from there; nothing on the local disk', async () => {
      const bytes = JPEG_3X2;
      const res = await t.http
        .post('/api/v1/files/images')
        .set(owner.auth)
        .attach('file', bytes, { filename: 'a.jpg', contentType: 'image/jpeg' });
      expect(res.status).toBe(201);
      const row = await t.ds.getRepository(FileEntity).findOneByOrFail({ id: res.body.id });
      expect(s3.objects.get(row.storageKey)).toEqual({ body: bytes, contentType: 'image/jpeg' });
      const got = await t.http.get(`/api/v1/files/${row.id}`).set(owner.auth).buffer(true).parse(binary);
      expect(got.status).toBe(200);
      expect(got.body).toEqual(bytes);
      expect(filesUnder(localDir)).toEqual([]);

      await t.ds.query(`UPDATE files SET created_at = now() - interval '25 hours' WHERE id = $1`, [row.id]);
      expect(await t.app.get(FilesService).sweepGarbage()).toBe(1);
      expect(s3.objects.has(row.storageKey)).toBe(false);
    });

    it('answers 503 and keeps no row when S3 fails; a failed delete keeps the row for the next sweep', async () => {
      const before = (await t.ds.query('SELECT count(*)::int n FROM files'))[0].n;
      s3.failNext(1);
      const res = await t.http
        .post('/api/v1/files/images')
        .set(owner.auth)
        .attach('file', png(1, 1), { filename: 'a.png', contentType: 'image/png' });
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
      expect((await t.ds.query('SELECT count(*)::int n FROM files'))[0].n).toBe(before);

      const ok = await t.http
        .post('/api/v1/files/images')
        .set(owner.auth)
        .attach('file', png(1, 1), { filename: 'a.png', contentType: 'image/png' });
      await t.ds.query(`UPDATE files SET created_at = now() - interval '25 hours' WHERE id = $1`, [ok.body.id]);
      s3.failNext(1);
      await expect(t.app.get(FilesService).sweepGarbage()).rejects.toBeInstanceOf(S3Error);
      expect((await t.ds.query('SELECT count(*)::int n FROM files WHERE id = $1', [ok.body.id]))[0].n).toBe(1);
      expect(await t.app.get(FilesService).sweepGarbage()).toBe(1);
    });
  });
});
