import Taro from '@tarojs/taro';
import { createStore } from '@/utils/emitter';

/** Whether the device has a network, kept current by Taro's network events. */
export const onlineStore = createStore<boolean>(true);

export function watchNetwork(): void {
  try {
    Taro.getNetworkType({
      success: (res) => onlineStore.set(res.networkType !== 'none'),
    });
    Taro.onNetworkStatusChange((res) => onlineStore.set(res.isConnected));
  } catch {
    // Not available (tests): assume online.
  }
}
