import { View } from '@tarojs/components';
import type { ReactNode } from 'react';

/** H5 (and tests): a plain view. The WeChat build takes group.weapp.tsx, a custom wrapper. */
export default function Group({ children }: { children: ReactNode }) {
  return <View className="notification-list__group">{children}</View>;
}
