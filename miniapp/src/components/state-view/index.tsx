import { Button, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { ApiError } from '@/services/http';
import './index.scss';

interface Props {
  loading?: boolean;
  error?: ApiError | Error | null;
  empty?: boolean;
  emptyText?: string;
  emptyAction?: ReactNode;
  onRetry?: () => void;
  children?: ReactNode;
}

/** Loading, error (with retry; offline has its own words), empty, or the content. */
export default function StateView({ loading, error, empty, emptyText, emptyAction, onRetry, children }: Props) {
  if (loading) {
    return (
      <View className="qs-state qs-state--loading" aria-busy="true">
        <View className="qs-state__spinner" />
        <Text className="qs-state__text">正在加载…</Text>
      </View>
    );
  }
  if (error) {
    const offline = (error as ApiError).statusCode === 0;
    return (
      <View className="qs-state qs-state--error" role="alert">
        <Text className="qs-state__title">{offline ? '网络不给力' : '加载失败'}</Text>
        <Text className="qs-state__text">{error.message}</Text>
        {onRetry && (
          <Button className="qs-btn qs-btn--plain qs-state__retry" onClick={onRetry}>
            重新加载
          </Button>
        )}
      </View>
    );
  }
  if (empty) {
    return (
      <View className="qs-state qs-state--empty">
        <Text className="qs-state__text">{emptyText ?? '暂无内容'}</Text>
        {emptyAction}
      </View>
    );
  }
  return <>{children}</>;
}
