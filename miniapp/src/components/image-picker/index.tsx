import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { ImageUploads, PickedImage } from './use-image-uploads';
import Picture from '@/components/picture';
import './index.scss';

export type { ImageUploads, PickedImage } from './use-image-uploads';
export { useImageUploads } from './use-image-uploads';

interface Props {
  /** The form's images (`useImageUploads`). */
  uploads: ImageUploads;
  /** Extra class on the root, e.g. `case-form__images`. */
  className?: string;
  /** Shown under the grid in red (the server's message about the images). */
  error?: string;
  disabled?: boolean;
}

function statusText(item: PickedImage): string {
  if (item.status === 'waiting') return '等待上传';
  if (item.status === 'uploading') return `上传中 ${item.progress}%`;
  if (item.status === 'done') return '已上传';
  return '上传失败';
}

function Tile({
  item,
  index,
  uploads,
  disabled,
}: {
  item: PickedImage;
  index: number;
  uploads: ImageUploads;
  disabled?: boolean;
}) {
  // A draft's local file may be gone after a restart: the upload is still on the server.
  const [broken, setBroken] = useState(false);
  const busy = item.status === 'waiting' || item.status === 'uploading';
  return (
    <View
      className={`image-picker__item image-picker__item--${item.status}`}
      data-key={item.key}
      data-index={index}
      data-status={item.status}
    >
      <View
        className="image-picker__thumb"
        role="button"
        aria-label={`预览第 ${index + 1} 张图片`}
        onClick={() => uploads.preview(item.key)}
      >
        {broken ? (
          <Text className="image-picker__missing">{item.status === 'done' ? '已上传' : '图片'}</Text>
        ) : (
          <Picture
            className="image-picker__img"
            src={item.path}
            alt={`第 ${index + 1} 张图片`}
            onError={() => setBroken(true)}
          />
        )}
      </View>
      {busy && (
        <View className="image-picker__progress" aria-hidden="true">
          <View className="image-picker__bar" style={{ width: `${item.progress}%` }} />
        </View>
      )}
      {item.status === 'failed' ? (
        <Text className="image-picker__error">{item.error ?? '上传失败'}</Text>
      ) : (
        <Text className="image-picker__status">{statusText(item)}</Text>
      )}
      {item.status === 'failed' && (
        <Button
          className="qs-btn qs-btn--plain image-picker__retry"
          disabled={disabled}
          onClick={() => uploads.retry(item.key)}
        >
          重试
        </Button>
      )}
      <Button
        className="qs-btn qs-btn--plain image-picker__remove"
        disabled={disabled}
        onClick={() => uploads.remove(item.key)}
      >
        删除
      </Button>
    </View>
  );
}

/**
 * Up to `uploads.max` images: 添加图片 opens the album or camera; each image uploads with its progress, a failed one
 * shows why with 重试 and 删除; a tap on an image previews it full screen.
 */
export default function ImagePicker({ uploads, className, error, disabled }: Props) {
  const { items, max } = uploads;
  return (
    <View className={`image-picker${className ? ` ${className}` : ''}`}>
      <View className="image-picker__grid">
        {items.map((item, index) => (
          <Tile key={item.key} item={item} index={index} uploads={uploads} disabled={disabled} />
        ))}
        {items.length < max && (
          <View
            className="image-picker__add"
            role="button"
            aria-label="添加图片"
            onClick={() => {
              if (!disabled) void uploads.choose();
            }}
          >
            <Text className="image-picker__plus" aria-hidden="true">
              +
            </Text>
            <Text className="image-picker__add-text">添加图片</Text>
          </View>
        )}
      </View>
      <Text className="qs-field__hint image-picker__hint">
        {`${items.length}/${max} 张，支持 JPEG、PNG、WebP，单张不超过 10 MB`}
      </Text>
      {error && <Text className="qs-field__error image-picker__form-error">{error}</Text>}
    </View>
  );
}
