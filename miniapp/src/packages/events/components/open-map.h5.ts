/** 查看地图 in H5 (Taro builds this file instead of open-map.ts): 高德地图's marker page at the coordinates (GCJ-02). */
export async function openMap(place: { latitude: number; longitude: number; name: string }): Promise<void> {
  const url =
    `https://uri.amap.com/marker?position=${place.longitude},${place.latitude}` +
    `&name=${encodeURIComponent(place.name)}&coordinate=gaode&callnative=1`;
  const opened = window.open(url, '_blank');
  // A blocked pop-up: the map opens in this tab instead.
  if (!opened) window.location.href = url;
  else opened.opener = null;
}
