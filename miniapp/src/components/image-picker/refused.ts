import { ApiError } from '@/services/http';
import type { ImageUploads } from './use-image-uploads';

/**
 * The server refused some of a request's images (400, `details[].field = 'images[i]'`: someone else's upload, one
 * already used, expired): each is marked failed on its tile with the server's words (重试 uploads it again).
 * Answers the first such message for the picker, or undefined when the refusal named no image.
 */
export function markRefusedImages(e: Error, uploads: ImageUploads): string | undefined {
  if (!(e instanceof ApiError) || !Array.isArray(e.details)) return undefined;
  const refused = new Map<number, string>();
  for (const d of e.details) {
    const image = /^images\[(\d+)\]$/.exec(d.field);
    if (image && !refused.has(Number(image[1]))) refused.set(Number(image[1]), d.message || e.message);
  }
  // `failUploaded(i)` counts the images still uploaded: marking the last first keeps the earlier indexes right.
  for (const i of [...refused.keys()].sort((a, b) => b - a)) uploads.failUploaded(i, refused.get(i)!);
  return refused.values().next().value;
}
