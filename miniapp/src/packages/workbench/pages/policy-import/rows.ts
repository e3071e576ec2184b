import { POLICY_IMPORT_MAX_ROWS } from '@qsgj/shared/rules';

/**
 * The rows of a JSON import: a list of policies, or `{ "rows": [...] }` (what the server's import takes). Each
 * row is checked by the server; here only the shape of the whole.
 */
export function parseRows(text: string): unknown[] {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new Error('不是有效的 JSON，请检查文件内容');
  }
  const rows = Array.isArray(value)
    ? value
    : value && typeof value === 'object' && Array.isArray((value as { rows?: unknown }).rows)
      ? (value as { rows: unknown[] }).rows
      : null;
  if (!rows) throw new Error('JSON 应为政策列表（数组），或 { "rows": [...] }');
  if (!rows.length) throw new Error('没有要导入的政策');
  if (rows.length > POLICY_IMPORT_MAX_ROWS) throw new Error(`一次最多导入 ${POLICY_IMPORT_MAX_ROWS} 条`);
  return rows;
}
