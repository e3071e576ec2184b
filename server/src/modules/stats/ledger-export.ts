import ExcelJS from 'exceljs';
import type { LedgerFigures, LedgerResponse, LedgerRow } from '@qsgj/shared/contracts';

/** The ledger as files (docs/cases.md "Ledger"): one sheet (xlsx) or one section (csv) per breakdown, Chinese headers. */

const COLUMNS: Array<[keyof LedgerFigures, string]> = [
  ['received', '受理量'],
  ['accepted', '已受理'],
  ['resolved', '已办结'],
  ['closed', '已完结'],
  ['rejected', '不予受理'],
  ['longTerm', '长期推进'],
  ['overdue', '超期'],
  ['overdueOpen', '在办超期'],
  ['resolvedLate', '超期办结'],
  ['avgAcceptDays', '平均受理用时（工作日）'],
  ['avgResolveDays', '平均办结用时（工作日）'],
  ['responseRate', '响应率'],
  ['resolutionRate', '解决率'],
  ['satisfactionRate', '满意率'],
  ['rated', '有效评价数'],
  ['satisfied', '满意数'],
];

const RATES = new Set<keyof LedgerFigures>(['responseRate', 'resolutionRate', 'satisfactionRate']);

export const LEDGER_SHEETS: Array<[string, string, (l: LedgerResponse) => LedgerRow[]]> = [
  ['合计', '范围', (l) => [{ key: null, label: '合计', ...l.total }]],
  ['按部门', '部门', (l) => l.byDepartment],
  ['按管家', '管家', (l) => l.byButler],
  ['按类型', '诉求类型', (l) => l.byType],
  ['按来源', '来源', (l) => l.bySource],
  ['按周', '周（周一）', (l) => l.byWeek],
];

function cellOf(key: keyof LedgerFigures, value: number | null): string | number {
  if (value === null) return '';
  return RATES.has(key) ? `${(value * 100).toFixed(2)}%` : value;
}

function table(ledger: LedgerResponse, header: string, rows: LedgerRow[]): Array<Array<string | number>> {
  return [
    [header, ...COLUMNS.map(([, title]) => title)],
    ...rows.map((r) => [r.label, ...COLUMNS.map(([key]) => cellOf(key, r[key]))]),
  ];
}

export async function ledgerXlsx(ledger: LedgerResponse): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '亲商管家';
  for (const [name, header, pick] of LEDGER_SHEETS) {
    const sheet = book.addWorksheet(name);
    sheet.addRow([`工作台账 ${ledger.from} 至 ${ledger.to}`]);
    for (const row of table(ledger, header, pick(ledger))) sheet.addRow(row.map(safeText));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * A text a spreadsheet would take for a formula (starts with = + - @, or a tab / carriage return before one) is
 * prefixed with ' so it shows as text (OWASP CSV injection). Numbers stay numbers.
 */
export function safeText<T>(value: T): T | string {
  if (typeof value !== 'string') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvCell(value: string | number): string {
  const text = String(safeText(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** UTF-8 with a BOM (Excel then reads the Chinese right), CRLF lines, one section per breakdown. */
export function ledgerCsv(ledger: LedgerResponse): Buffer {
  const lines: string[] = [`工作台账,${ledger.from} 至 ${ledger.to}`];
  for (const [name, header, pick] of LEDGER_SHEETS) {
    lines.push('', csvCell(name));
    for (const row of table(ledger, header, pick(ledger))) lines.push(row.map(csvCell).join(','));
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/** `attachment; filename*=UTF-8''…` (RFC 5987/6266) with an ASCII fallback. */
export function attachment(fileName: string, asciiFallback: string): string {
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
