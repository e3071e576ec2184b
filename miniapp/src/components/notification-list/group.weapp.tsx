import { CustomWrapper, View } from '@tarojs/components';
import type { ReactNode } from 'react';

/** WeChat: the group in its own custom wrapper, so updates inside it leave in the wrapper's own setData. */
export default function Group({ children }: { children: ReactNode }) {
  return (
    <CustomWrapper>
      <View className="notification-list__group">{children}</View>
    </CustomWrapper>
  );
}
