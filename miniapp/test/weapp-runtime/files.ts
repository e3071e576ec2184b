import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';

/** WeChat's prefix for a mini-program's local files on a device (`wx.env.USER_DATA_PATH` is `wxfile://usr`). */
const PREFIX = 'wxfile://';

/**
 * The mini-program's local files: temporary files (what the user chose, compressed or downloaded)
 * as `wxfile://tmp_<random>.<ext>`, and the user data folder `wxfile://usr/…`, backed by a real
 * folder of this runtime (removed on close). The app only ever sees the `wxfile://` paths, as on a
 * device; the test reads the bytes behind them with `read()`.
 */
export class LocalFiles {
  private readonly dir = mkdtempSync(join(tmpdir(), 'qsgj-weapp-files-'));

  /** A new temporary file with these bytes; its extension as WeChat would give it (`.jpg`, `.xlsx` …). */
  write(bytes: Buffer, ext: string): string {
    const name = `tmp_${randomBytes(12).toString('hex')}${ext && !ext.startsWith('.') ? `.${ext}` : ext}`;
    writeFileSync(join(this.dir, name), bytes);
    return PREFIX + name;
  }

  /** A temporary copy of a file of the test's machine (what the user picks from the album). */
  adopt(realPath: string): string {
    if (!existsSync(realPath)) throw new Error(`weapp harness: no file ${realPath} to choose`);
    const wxPath = this.write(Buffer.alloc(0), extname(realPath).toLowerCase());
    copyFileSync(realPath, this.real(wxPath)!);
    return wxPath;
  }

  /** Writes to a path the app names (`wxfile://usr/…`, e.g. downloadFile's `filePath`); false when it may not. */
  writeAt(wxPath: string, bytes: Buffer): boolean {
    const real = this.real(wxPath);
    if (!real || !wxPath.startsWith(`${PREFIX}usr/`)) return false;
    mkdirSync(join(real, '..'), { recursive: true });
    writeFileSync(real, bytes);
    return true;
  }

  has(wxPath: string): boolean {
    const real = this.real(wxPath);
    return !!real && existsSync(real);
  }

  /** Removes a local file; false when there was none. */
  remove(wxPath: string): boolean {
    const real = this.real(wxPath);
    if (!real || !existsSync(real)) return false;
    rmSync(real);
    return true;
  }

  /** The bytes behind a local path, or undefined when there is no such file. */
  read(wxPath: string): Buffer | undefined {
    const real = this.real(wxPath);
    return real && existsSync(real) ? readFileSync(real) : undefined;
  }

  /** The real file behind a `wxfile://` path (undefined for anything else, or a path leaving the folder). */
  real(wxPath: string): string | undefined {
    if (typeof wxPath !== 'string' || !wxPath.startsWith(PREFIX)) return undefined;
    const rel = wxPath.slice(PREFIX.length);
    if (!rel || rel.split('/').some((part) => part === '..' || part === '')) return undefined;
    return join(this.dir, rel);
  }

  /** Removes every local file (the runtime closes). */
  removeAll(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Extensions by MIME type, as WeChat names a downloaded temporary file after the response's Content-Type. */
const EXT_BY_MIME: Record<string, string> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/webp': '.webp',
  'image/gif': '.gif',
  'application/pdf': '.pdf',
  'text/csv': '.csv',
  'text/plain': '.txt',
  'application/json': '.json',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
  'application/vnd.ms-excel': '.xls',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/msword': '.doc',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': '.pptx',
  'application/vnd.ms-powerpoint': '.ppt',
};

export function extensionFor(contentType: string | undefined, urlPath: string): string {
  const mime = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (EXT_BY_MIME[mime]) return EXT_BY_MIME[mime];
  const fromUrl = extname(urlPath).toLowerCase();
  return /^\.[a-z0-9]{1,5}$/.test(fromUrl) ? fromUrl : '';
}

/** A file part's Content-Type from its name, as WeChat labels an uploaded file. */
export function mimeFor(path: string): string {
  const ext = extname(path).toLowerCase();
  const found = Object.entries(EXT_BY_MIME).find(([, e]) => e === ext || (ext === '.jpeg' && e === '.jpg'));
  return found?.[0] ?? 'application/octet-stream';
}

/** Width, height and type of a PNG, JPEG, GIF or WebP from its bytes (null when it is none of them). */
export function imageInfo(bytes: Buffer): { width: number; height: number; type: string } | null {
  if (bytes.length >= 24 && bytes.readUInt32BE(0) === 0x89504e47)
    return { type: 'png', width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  if (bytes.length >= 10 && bytes.toString('latin1', 0, 3) === 'GIF')
    return { type: 'gif', width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
  if (bytes.length >= 30 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') {
    const kind = bytes.toString('latin1', 12, 16);
    if (kind === 'VP8X')
      return { type: 'webp', width: 1 + bytes.readUIntLE(24, 3), height: 1 + bytes.readUIntLE(27, 3) };
    if (kind === 'VP8 ')
      return { type: 'webp', width: bytes.readUInt16LE(26) & 0x3fff, height: bytes.readUInt16LE(28) & 0x3fff };
    if (kind === 'VP8L') {
      const b = bytes.readUInt32LE(21);
      return { type: 'webp', width: (b & 0x3fff) + 1, height: ((b >> 14) & 0x3fff) + 1 };
    }
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let i = 2;
    while (i + 9 < bytes.length) {
      if (bytes[i] !== 0xff) return null;
      const marker = bytes[i + 1];
      const length = bytes.readUInt16BE(i + 2);
      // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC): the frame header holds the size.
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker))
        return { type: 'jpeg', height: bytes.readUInt16BE(i + 5), width: bytes.readUInt16BE(i + 7) };
      i += 2 + length;
    }
  }
  return null;
}
