import type { ImageUploads } from '@/components/image-picker';

/** A reply box's images may hold at most this many (`CaseMessageDto.images`). */
export { CASE_IMAGES_MAX as MESSAGE_IMAGES_MAX } from '@qsgj/shared/rules';

export const MESSAGE_IMAGES_FAILED = '有图片上传失败，请点「重试」或删除后再发送';

/** Why a reply with these images cannot be sent (an image failed: 重试 or 删除 it first), or undefined. */
export function imagesNotReady(uploads: ImageUploads): string | undefined {
  return uploads.failed ? MESSAGE_IMAGES_FAILED : undefined;
}

/**
 * The images' message under the picker while it still applies: every message is about a failed image, so it goes
 * once none is left failed (retried or removed).
 */
export function imagesMessage(uploads: ImageUploads, message: string | undefined): string | undefined {
  return uploads.failed ? message : undefined;
}

/** The `images` of a message: the uploaded ids in the order shown, left out when there are none. */
export function messageImages(uploads: ImageUploads): { images?: string[] } {
  return uploads.ids.length ? { images: uploads.ids } : {};
}

export { markRefusedImages } from '@/components/image-picker/refused';
