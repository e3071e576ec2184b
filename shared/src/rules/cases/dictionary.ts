/*
 * The words and limits of a case that both the DTOs (shared/src/contracts/cases.ts) and the mini-program use. No
 * decorators here: the mini-program imports this module (through `@qsgj/shared/rules`), never the DTO classes.
 */

/** The most characters of a case's text, a message and a note. */
export const CASE_CONTENT_MAX = 2000;
/** Images per case (and per message). */
export const CASE_IMAGES_MAX = 9;
export const CASE_COMMENT_MAX = 500;
/** What the enterprise may tick beside a rating (好评 / 差评 tags); nothing else is accepted. */
export const CASE_RATING_TAGS = {
  good: ['响应及时', '态度热情', '专业高效', '解决彻底', '政策讲解清楚'],
  bad: ['响应慢', '态度差', '推诿扯皮', '问题未解决', '办理超时', '要求重复提交材料'],
} as const;
/**
 * 诉求分类: the dictionary the enterprise picks from (or leaves to staff, who classify on acceptance). Codes are
 * stored; labels are shown. An admin-editable dictionary may replace it later: codes must then stay stable.
 */
export const CASE_CATEGORIES = [
  { code: 'policy', label: '政策兑现' },
  { code: 'approval', label: '审批办事' },
  { code: 'startup', label: '企业开办' },
  { code: 'market_access', label: '市场准入' },
  { code: 'finance', label: '融资信贷' },
  { code: 'tax', label: '税费' },
  { code: 'fees', label: '涉企收费' },
  { code: 'land', label: '用地规划' },
  { code: 'property', label: '不动产登记' },
  { code: 'utilities', label: '水电气网' },
  { code: 'labour', label: '用工' },
  { code: 'talent', label: '人才' },
  { code: 'ip', label: '知识产权' },
  { code: 'innovation', label: '科技创新' },
  { code: 'quality', label: '质量提升' },
  { code: 'other', label: '其他' },
] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number]['code'];
/** The label of a category code (the code itself when it is not in the dictionary, e.g. one since removed). */
export function caseCategoryLabel(code: string | null | undefined): string | null {
  if (!code) return null;
  return CASE_CATEGORIES.find((c) => c.code === code)?.label ?? code;
}

/** The longest period one ledger (工作台账) covers, in calendar days (from and to included). */
export const LEDGER_MAX_DAYS = 366;
