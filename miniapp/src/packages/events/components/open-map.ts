import Taro from '@tarojs/taro';

/** 查看地图 in WeChat (the H5 build uses open-map.h5.ts): WeChat's map at the event's coordinates (GCJ-02). */
export async function openMap(place: { latitude: number; longitude: number; name: string }): Promise<void> {
  try {
    await Taro.openLocation({ latitude: place.latitude, longitude: place.longitude, name: place.name, scale: 16 });
  } catch (e) {
    if (/cancel/i.test(String((e as { errMsg?: string } | null)?.errMsg ?? e))) return;
    throw new Error('无法打开地图，请稍后重试');
  }
}
