import Taro from '@tarojs/taro';

/** A file the admin picked: a JSON file's text, or the local path of a workbook to upload. */
export type PickedFile =
  { name: string; kind: 'json'; text: string } | { name: string; kind: 'xlsx'; filePath: string };

/** What was picked, or an error saying it cannot be imported. */
export function kindOf(name: string): 'json' | 'xlsx' {
  if (/\.json$/i.test(name)) return 'json';
  if (/\.xlsx$/i.test(name)) return 'xlsx';
  throw new Error('只能导入 .xlsx 或 .json 文件');
}

/**
 * WeChat: a file from a chat (`wx.chooseMessageFile`: the admin forwards the workbook to themself first); a JSON
 * file is read here, a workbook uploaded as it is. Null when the admin cancelled. H5 uses pick-file.h5.ts.
 */
export async function pickImportFile(): Promise<PickedFile | null> {
  let picked: { path: string; name: string } | undefined;
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'json'] });
    picked = res.tempFiles[0];
  } catch (e) {
    if (/cancel/i.test(String((e as { errMsg?: string })?.errMsg ?? e))) return null;
    throw new Error('无法选择文件，请稍后重试');
  }
  if (!picked) return null;
  const kind = kindOf(picked.name);
  if (kind === 'xlsx') return { name: picked.name, kind, filePath: picked.path };
  const text = String(Taro.getFileSystemManager().readFileSync(picked.path, 'utf8'));
  return { name: picked.name, kind, text };
}

/** Nothing to release in WeChat (the chosen file is WeChat's temporary file). */
export function releasePicked(_file: PickedFile): void {}
