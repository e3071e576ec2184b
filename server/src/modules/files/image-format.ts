/**
 * What an uploaded image is, from its bytes: the type by magic numbers (`file-type`, loaded on first
 * use: it is ESM-only), and its width and height read from the header — never decoded.
 */

/** The image types we keep, and the extension each is served with. */
export const IMAGE_TYPES = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
} as const;

export type ImageType = keyof typeof IMAGE_TYPES;

export const isImageType = (mime: string | undefined): mime is ImageType =>
  mime !== undefined && Object.prototype.hasOwnProperty.call(IMAGE_TYPES, mime);

/** Bytes `file-type` reads at most to decide (its `reasonableDetectionSizeInBytes`). */
export const SNIFF_BYTES = 4100;

type FileTypeModule = typeof import('file-type');
let fileType: Promise<FileTypeModule> | null = null;

/** The MIME type the bytes say, or undefined when they are nothing `file-type` knows (text, HTML, SVG …). */
export async function sniffMime(head: Buffer): Promise<string | undefined> {
  fileType ??= import('file-type');
  const { fileTypeFromBuffer } = await fileType;
  return (await fileTypeFromBuffer(head))?.mime;
}

export interface Dimensions {
  width: number;
  height: number;
}

/** Width and height from the first bytes of an image, or null when they are not among them. */
export function imageDimensions(type: ImageType, b: Buffer): Dimensions | null {
  const dims = type === 'image/png' ? png(b) : type === 'image/webp' ? webp(b) : jpeg(b);
  return dims && dims.width > 0 && dims.height > 0 ? dims : null;
}

/** IHDR is the first chunk: width and height big-endian at 16 and 20. */
function png(b: Buffer): Dimensions | null {
  if (b.length < 24 || b.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** RIFF….WEBP then the first chunk: VP8 (lossy), VP8L (lossless) or VP8X (extended). */
function webp(b: Buffer): Dimensions | null {
  if (b.length < 30) return null;
  switch (b.toString('latin1', 12, 16)) {
    case 'VP8 ':
      // Frame tag (3), start code 9d 01 2a, then 14-bit width and height.
      if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return null;
      return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
    case 'VP8L': {
      if (b[20] !== 0x2f) return null;
      const bits = b.readUInt32LE(21);
      return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    case 'VP8X':
      return { width: b.readUIntLE(24, 3) + 1, height: b.readUIntLE(27, 3) + 1 };
    default:
      return null;
  }
}

/** Walks the segments to the first start-of-frame (SOF0–SOF15 but DHT, JPG and DAC). */
function jpeg(b: Buffer): Dimensions | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1];
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2; // no length
      continue;
    }
    const length = b.readUInt16BE(i + 2);
    if (length < 2) return null;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
    }
    if (marker === 0xda || marker === 0xd9) return null; // image data before any frame header
    i += 2 + length;
  }
  return null;
}
