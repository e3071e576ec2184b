import Taro from '@tarojs/taro';
import { useState } from 'react';
import { useAction } from '@/hooks/use-action';
import { meApi } from '@/services/me.api';
import { clearSession } from '@/stores/session';
import { PAGES, toast } from '@/utils/routes';

/** 我的数据 (PIPL): export everything the server holds about me; delete my account after a second confirm. */
export function useMyData() {
  const [exported, setExported] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const { run, busy, error } = useAction();

  const exportData = () =>
    void run(async () => {
      const data = await meApi.exportData();
      setExported(JSON.stringify(data, null, 2));
    });

  const copy = () => {
    if (exported) void Taro.setClipboardData({ data: exported });
  };

  const deleteAccount = () =>
    void run(async () => {
      await meApi.deleteAccount();
      clearSession();
      toast('账号已注销', 'success');
      await Taro.switchTab({ url: PAGES.home });
    });

  return { exported, copy, exportData, confirming, setConfirming, deleteAccount, busy, error };
}
