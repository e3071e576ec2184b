import { Text, View } from '@tarojs/components';
import qrcode from 'qrcode-generator';
import { useMemo } from 'react';
import type { CheckinCode } from '@qsgj/shared/contracts';
import Picture from '@/components/picture';
import { clockText } from './format';
import './checkin-qr.scss';

/** The QR image of a code: a GIF data URL (works as an `<Image>` src in WeChat and in H5). */
export function qrDataUrl(code: string): string {
  const qr = qrcode(0, 'M');
  qr.addData(code);
  qr.make();
  return qr.createDataURL(6, 2);
}

/** The signed check-in code as a QR for staff to scan, the code itself (to type), and until when it is valid. */
export default function CheckinQr({ checkin, title }: { checkin: CheckinCode; title: string }) {
  const src = useMemo(() => qrDataUrl(checkin.code), [checkin.code]);
  return (
    <View className="events-qr">
      <Picture className="events-qr__image" src={src} alt={`「${title}」的签到二维码`} />
      <Text className="events-qr__code" selectable>
        {checkin.code}
      </Text>
      <Text className="events-qr__expiry">{`签到码 ${clockText(checkin.expiresAt)} 前有效，到期自动刷新`}</Text>
    </View>
  );
}
