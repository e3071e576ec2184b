import { Text, View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { useStore } from '../../hooks/use-store';
import { onlineStore } from '../../stores/network';
import { largeFontStore } from '../../stores/prefs';
import './index.scss';

interface Props {
  className?: string;
}

/**
 * The root of every page. In 长辈版 its `qs-elder` class sets the one font variable (--qs-scale, see
 * app.scss) that every size derives from. Shows a bar when the device is offline.
 */
export default function PageShell({ className, children }: PropsWithChildren<Props>) {
  const large = useStore(largeFontStore);
  const online = useStore(onlineStore);
  return (
    <View className={`qs-page${large ? ' qs-elder' : ''}${className ? ` ${className}` : ''}`}>
      {!online && (
        <View className="qs-offline" role="alert">
          <Text>网络已断开，已加载的内容仍可查看，恢复网络后可继续操作</Text>
        </View>
      )}
      {children}
    </View>
  );
}
