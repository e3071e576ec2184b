/**
 * H5 (Taro builds this file instead of pick-file.ts): the browser's file picker (`<input type="file">`); a JSON
 * file is read here, a workbook handed on as a blob URL for `uploadFile`. Null when the admin cancelled.
 */
export type PickedFile =
  { name: string; kind: 'json'; text: string } | { name: string; kind: 'xlsx'; filePath: string };

export function kindOf(name: string): 'json' | 'xlsx' {
  if (/\.json$/i.test(name)) return 'json';
  if (/\.xlsx$/i.test(name)) return 'xlsx';
  throw new Error('只能导入 .xlsx 或 .json 文件');
}

function chooseFile(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.xlsx,.json,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    input.className = 'wb-import__file-input';
    input.style.display = 'none';
    const done = (file: File | null) => {
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => done(input.files?.[0] ?? null));
    input.addEventListener('cancel', () => done(null));
    document.body.appendChild(input);
    input.click();
  });
}

export async function pickImportFile(): Promise<PickedFile | null> {
  const file = await chooseFile();
  if (!file) return null;
  const kind = kindOf(file.name);
  if (kind === 'xlsx') return { name: file.name, kind, filePath: URL.createObjectURL(file) };
  return { name: file.name, kind, text: await file.text() };
}

/** The blob URL of a workbook, once it is uploaded. */
export function releasePicked(file: PickedFile): void {
  if (file.kind === 'xlsx') URL.revokeObjectURL(file.filePath);
}
