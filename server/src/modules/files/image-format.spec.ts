import {
  JPEG_1X1_SOF9,
  JPEG_3X2,
  NOT_IMAGES,
  png,
  WEBP_1X1_VP8,
  WEBP_1X1_VP8L,
  WEBP_3X2_VP8X,
} from '../../../test/utils/images';
import { imageDimensions, isImageType, sniffMime } from './image-format';

describe('image format from the bytes', () => {
  it.each([
    ['PNG', png(3, 2), 'image/png', { width: 3, height: 2 }],
    ['PNG 17×300', png(17, 300), 'image/png', { width: 17, height: 300 }],
    ['JPEG with an ICC profile', JPEG_3X2, 'image/jpeg', { width: 3, height: 2 }],
    ['JPEG, arithmetic (SOF9)', JPEG_1X1_SOF9, 'image/jpeg', { width: 1, height: 1 }],
    ['WebP extended (VP8X)', WEBP_3X2_VP8X, 'image/webp', { width: 3, height: 2 }],
    ['WebP lossy (VP8)', WEBP_1X1_VP8, 'image/webp', { width: 1, height: 1 }],
    ['WebP lossless (VP8L)', WEBP_1X1_VP8L, 'image/webp', { width: 1, height: 1 }],
  ] as const)('%s: type and size', async (_name, bytes, mime, dims) => {
    const sniffed = await sniffMime(bytes);
    expect(sniffed).toBe(mime);
    if (!isImageType(sniffed)) throw new Error('not an image type');
    expect(imageDimensions(sniffed, bytes)).toEqual(dims);
  });

  it.each(Object.entries(NOT_IMAGES))('%s is not one of the image types', async (_name, bytes) => {
    expect(isImageType(await sniffMime(bytes))).toBe(false);
  });

  it('a header cut short gives no size rather than a wrong one', () => {
    expect(imageDimensions('image/png', png(3, 2).subarray(0, 20))).toBeNull();
    expect(imageDimensions('image/jpeg', JPEG_3X2.subarray(0, 300))).toBeNull();
    expect(imageDimensions('image/webp', WEBP_1X1_VP8.subarray(0, 20))).toBeNull();
  });
});
