import type { LedgerQueryDto } from '@qsgj/shared/contracts';
import { statsApi } from '@/services/cases.api';
import { ApiError, apiUrl, authHeader, renewSession, signOutAfter, toApiError } from '@/services/http';

/**
 * The ledger's export in H5 (Taro builds this file instead of export-ledger.ts): the file is fetched with the
 * user's sign-in (a plain link could not send it) and saved by the browser through a download link.
 */
export type ExportFormat = 'xlsx' | 'csv';

export type ExportResult =
  { kind: 'opened' } | { kind: 'downloaded'; fileName: string } | { kind: 'share'; filePath: string; fileName: string };

export const EXPORT_LABEL: Record<ExportFormat, string> = { xlsx: 'Excel', csv: 'CSV' };

export function exportFileName(q: LedgerQueryDto, format: ExportFormat): string {
  return `工作台账_${q.from}_${q.to}.${format}`;
}

async function fetchFile(url: string, renewed = false): Promise<Blob> {
  let res: Response;
  try {
    res = await fetch(url, { headers: authHeader(), credentials: 'omit' });
  } catch {
    throw new ApiError(0, 'NETWORK_OFFLINE', '网络连接失败，请检查网络后重试');
  }
  if (res.ok) return res.blob();
  const body: unknown = await res.json().catch(() => null);
  const error = toApiError(res.status, body, res.headers.get('x-request-id') ?? undefined);
  if (res.status === 401) {
    if (!renewed && (await renewSession())) return fetchFile(url, true);
    signOutAfter(error);
  }
  throw error;
}

/** Hands a file to the browser's downloads. */
function save(blob: Blob, fileName: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 30_000);
}

export async function exportLedger(q: LedgerQueryDto, format: ExportFormat): Promise<ExportResult> {
  const blob = await fetchFile(apiUrl(statsApi.exportPath(q, format)));
  const fileName = exportFileName(q, format);
  save(blob, fileName);
  return { kind: 'downloaded', fileName };
}

/** Only WeChat shares files to a chat; a browser has already saved it. */
export async function shareLedgerFile(_file: { filePath: string; fileName: string }): Promise<boolean> {
  return false;
}
