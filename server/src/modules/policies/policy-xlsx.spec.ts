import { dateCell, listCell, looksLikeXlsx } from './policy-xlsx';

describe('policy workbook cells', () => {
  it('splits lists on 、 , ， ; ； and line breaks, dropping empty items', () => {
    expect(listCell('减税降费、金融支持,人才，科技创新;外贸；\n知识产权、 ')).toEqual([
      '减税降费',
      '金融支持',
      '人才',
      '科技创新',
      '外贸',
      '知识产权',
    ]);
    expect(listCell(null)).toEqual([]);
    expect(listCell('')).toEqual([]);
  });

  it('keeps a known value holding 、 whole', () => {
    const known = new Set(['农、林、牧、渔业', '纺织服装、服饰业', '建筑业']);
    expect(listCell('农、林、牧、渔业、建筑业、纺织服装、服饰业', known)).toEqual([
      '农、林、牧、渔业',
      '建筑业',
      '纺织服装、服饰业',
    ]);
    // Not known: split like any list (the dictionary check then names the pieces).
    expect(listCell('农、林', new Set())).toEqual(['农', '林']);
  });

  it('reads dates from Excel dates, day serials and common text forms', () => {
    expect(dateCell(new Date(Date.UTC(2026, 0, 31)))).toBe('2026-01-31');
    expect(dateCell(46023)).toBe('2026-01-01');
    expect(dateCell('2026/3/5')).toBe('2026-03-05');
    expect(dateCell('2026年12月1日')).toBe('2026-12-01');
    expect(dateCell('2026.1.2')).toBe('2026-01-02');
    expect(dateCell(' ')).toBeNull();
    expect(dateCell(null)).toBeNull();
    // Not a date: passed on as written, for validation to refuse.
    expect(dateCell('明年')).toBe('明年');
  });

  it('knows an .xlsx by its zip signature', () => {
    expect(looksLikeXlsx(Buffer.from('PK\x03\x04rest'))).toBe(true);
    expect(looksLikeXlsx(Buffer.from('标题,文号'))).toBe(false);
    expect(looksLikeXlsx(Buffer.alloc(0))).toBe(false);
  });
});
