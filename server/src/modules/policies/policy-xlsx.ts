import ExcelJS from 'exceljs';
import { ENTERPRISE_SCALE_LABEL, type EnterpriseScale, POLICY_LEVEL_LABEL, type PolicyLevel } from '@qsgj/shared/enums';
import { POLICY_IMPORT_MAX_ROWS } from '@qsgj/shared/rules';
import { fieldError } from '../../common/errors/app-exception';

/**
 * Reading an import workbook (.xlsx): the first sheet, its first row the header — the JSON keys of a policy
 * (`title`, `docNumber`, …) or their Chinese names (标题、文号 …) — and one policy per row after it. Cells
 * become the values a JSON row would carry, so the rows are then checked exactly like JSON rows.
 */

const LIST_COLUMNS = ['categories', 'industries', 'scales', 'districts', 'qualifications'] as const;
const DATE_COLUMNS = ['validFrom', 'validTo'] as const;
type TextColumn = 'title' | 'docNumber' | 'issuer' | 'level' | 'summary' | 'body' | 'interpretation' | 'sourceUrl';
type Column = (typeof LIST_COLUMNS)[number] | (typeof DATE_COLUMNS)[number] | TextColumn;

/** The header names a column may have: its JSON key, its Chinese name. */
const HEADERS: Record<Column, readonly string[]> = {
  title: ['标题', '政策标题'],
  docNumber: ['文号'],
  issuer: ['发文单位'],
  level: ['层级', '政策层级'],
  categories: ['类别', '政策类别'],
  industries: ['适用行业'],
  scales: ['适用规模'],
  districts: ['适用区域'],
  qualifications: ['资质要求'],
  validFrom: ['生效日期'],
  validTo: ['失效日期'],
  summary: ['摘要'],
  body: ['正文'],
  interpretation: ['解读', '政策解读'],
  sourceUrl: ['原文链接'],
};

export const XLSX_TYPE_MESSAGE = '只能导入 .xlsx 格式的 Excel 文件（旧版 .xls 请先另存为 .xlsx）';
export const XLSX_BROKEN_MESSAGE = '无法读取该 Excel 文件，请确认文件完整且为 .xlsx 格式';
export const XLSX_HEADER_MESSAGE = '表格第一行须为表头，至少包含「标题」和「文号」两列';
export const XLSX_EMPTY_MESSAGE = '表格中没有可导入的政策（第一行为表头，从第二行起每行一条）';

/** An .xlsx is a zip archive: it starts with `PK\x03\x04`. */
export function looksLikeXlsx(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

const byHeader = new Map<string, Column>();
for (const [column, names] of Object.entries(HEADERS) as Array<[Column, readonly string[]]>) {
  byHeader.set(column.toLowerCase(), column);
  for (const n of names) byHeader.set(n, column);
}

const LEVEL_BY_TEXT = new Map<string, PolicyLevel>();
for (const [code, label] of Object.entries(POLICY_LEVEL_LABEL) as Array<[PolicyLevel, string]>) {
  LEVEL_BY_TEXT.set(code, code);
  LEVEL_BY_TEXT.set(label, code);
  LEVEL_BY_TEXT.set(label.replace(/级$/, ''), code);
}
LEVEL_BY_TEXT.set('区县级', 'district');

const SCALE_BY_TEXT = new Map<string, EnterpriseScale>();
for (const [code, label] of Object.entries(ENTERPRISE_SCALE_LABEL) as Array<[EnterpriseScale, string]>) {
  SCALE_BY_TEXT.set(code, code);
  SCALE_BY_TEXT.set(label, code);
  SCALE_BY_TEXT.set(label.replace(/企业$/, ''), code);
}

/** A cell's text: rich text joined, a hyperlink's text, a formula's result, numbers as written. */
function cellValue(value: ExcelJS.CellValue): string | number | Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('hyperlink' in value)
      return typeof value.text === 'string' ? value.text : cellValue(value.text as ExcelJS.CellValue);
    if ('formula' in value || 'sharedFormula' in value)
      return cellValue((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('error' in value) return null;
  }
  return null;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Excel's day serial (1900 date system) as `YYYY-MM-DD`. */
function fromSerial(serial: number): string {
  const d = new Date(Math.round((serial - 25569) * 86_400_000));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** A date cell as `YYYY-MM-DD`: an Excel date, a day serial, or text like 2026-01-01, 2026/1/1, 2026年1月1日. */
export function dateCell(value: string | number | Date | null): string | null | unknown {
  if (value === null) return null;
  if (value instanceof Date) {
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  }
  if (typeof value === 'number') return fromSerial(value);
  const text = value.trim();
  if (text === '') return null;
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  // Anything else goes on as written: validation says the date is not YYYY-MM-DD.
  return m ? `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}` : text;
}

/**
 * A list cell: values separated by 、 , ， ; ； or line breaks. Some dictionary values hold a 、 themselves
 * (「农、林、牧、渔业」): pieces that together spell a value of `known` stay one value.
 */
export function listCell(value: string | number | Date | null, known: ReadonlySet<string> = new Set()): string[] {
  if (value === null) return [];
  const out: string[] = [];
  for (const chunk of String(value).split(/[,，;；\n\r]+/)) {
    const pieces = chunk.split('、').map((v) => v.trim());
    for (let i = 0; i < pieces.length;) {
      let end = i;
      for (let j = pieces.length - 1; j > i; j--) {
        if (known.has(pieces.slice(i, j + 1).join('、'))) {
          end = j;
          break;
        }
      }
      const v = pieces.slice(i, end + 1).join('、');
      if (v !== '') out.push(v);
      i = end + 1;
    }
  }
  return out;
}

/** The dictionary values a list column may hold, to keep values with a 、 in them whole. */
export type KnownValues = Partial<Record<(typeof LIST_COLUMNS)[number], ReadonlySet<string>>>;

/** One data row as a JSON import row (its columns only). */
function toRow(cells: Map<Column, string | number | Date | null>, known: KnownValues): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [column, value] of cells) {
    if ((LIST_COLUMNS as readonly string[]).includes(column)) {
      const list = column as (typeof LIST_COLUMNS)[number];
      const values = listCell(value, known[list]);
      row[column] = list === 'scales' ? values.map((v) => SCALE_BY_TEXT.get(v) ?? v) : values;
    } else if ((DATE_COLUMNS as readonly string[]).includes(column)) {
      row[column] = dateCell(value);
    } else {
      const text = value === null ? '' : value instanceof Date ? dateCell(value) : String(value).trim();
      if (column === 'level') row[column] = LEVEL_BY_TEXT.get(String(text)) ?? text;
      else if (column === 'sourceUrl') row[column] = text === '' ? null : text;
      // An empty cell is a value left out (a required one then hears that it is missing).
      else if (text !== '') row[column] = text;
    }
  }
  return row;
}

export interface WorkbookRow {
  /** The row's number in the sheet (the header is row 1). */
  row: number;
  value: Record<string, unknown>;
}

/** The policies of a workbook, each with its row number; a file that is not a readable .xlsx: 400. */
export async function readPolicyWorkbook(bytes: Buffer, known: KnownValues = {}): Promise<WorkbookRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw fieldError('file', XLSX_BROKEN_MESSAGE);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw fieldError('file', XLSX_EMPTY_MESSAGE);
  const columns = new Map<number, Column>();
  sheet.getRow(1).eachCell((cell, col) => {
    const name = String(cellValue(cell.value) ?? '').trim();
    const column = byHeader.get(name) ?? byHeader.get(name.toLowerCase());
    if (column && ![...columns.values()].includes(column)) columns.set(col, column);
  });
  const named = new Set(columns.values());
  if (!named.has('title') || !named.has('docNumber')) throw fieldError('file', XLSX_HEADER_MESSAGE);

  const rows: WorkbookRow[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells = new Map<Column, string | number | Date | null>();
    let empty = true;
    for (const [col, column] of columns) {
      const value = cellValue(row.getCell(col).value);
      if (value !== null && String(value).trim() !== '') empty = false;
      cells.set(column, value);
    }
    if (empty) continue;
    if (rows.length >= POLICY_IMPORT_MAX_ROWS) {
      throw fieldError('file', `一次最多导入 ${POLICY_IMPORT_MAX_ROWS} 条，请分多个文件导入`);
    }
    rows.push({ row: r, value: toRow(cells, known) });
  }
  if (rows.length === 0) throw fieldError('file', XLSX_EMPTY_MESSAGE);
  return rows;
}
