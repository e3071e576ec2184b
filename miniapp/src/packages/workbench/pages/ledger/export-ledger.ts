import Taro from '@tarojs/taro';
import type { LedgerQueryDto } from '@qsgj/shared/contracts';
import { statsApi } from '@/services/cases.api';
import { filesApi } from '@/services/files.api';

/**
 * The ledger's export in WeChat: `wx.downloadFile` with the user's sign-in, then Excel opens in WeChat's
 * document viewer (`wx.openDocument`, whose menu forwards or saves it); WeChat cannot open a CSV, so a CSV is
 * handed to the user to send to a chat (`wx.shareFileMessage`, which needs its own tap). The H5 build uses
 * export-ledger.h5.ts instead (Taro picks the `.h5.ts` file for H5).
 */
export type ExportFormat = 'xlsx' | 'csv';

export type ExportResult =
  { kind: 'opened' } | { kind: 'downloaded'; fileName: string } | { kind: 'share'; filePath: string; fileName: string };

export const EXPORT_LABEL: Record<ExportFormat, string> = { xlsx: 'Excel', csv: 'CSV' };

export function exportFileName(q: LedgerQueryDto, format: ExportFormat): string {
  return `工作台账_${q.from}_${q.to}.${format}`;
}

export async function exportLedger(q: LedgerQueryDto, format: ExportFormat): Promise<ExportResult> {
  const filePath = await filesApi.download(statsApi.exportPath(q, format));
  const fileName = exportFileName(q, format);
  if (format === 'csv') return { kind: 'share', filePath, fileName };
  await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true }).catch(() => {
    throw new Error('文件已下载，但无法打开，请稍后重试');
  });
  return { kind: 'opened' };
}

/** Sends a downloaded CSV to a chat (call it from a tap). False when the user cancelled. */
export async function shareLedgerFile(file: { filePath: string; fileName: string }): Promise<boolean> {
  try {
    await Taro.shareFileMessage({ filePath: file.filePath, fileName: file.fileName });
    return true;
  } catch (e) {
    if (/cancel/i.test(String((e as { errMsg?: string })?.errMsg ?? e))) return false;
    throw new Error('发送失败，请稍后重试');
  }
}
