import { normalizeText } from '../policies/search/index-fields';

/**
 * What an entry must not hold: the source enterprise's name (also without its company-form suffix, when what is
 * left is still specific), its credit code, or any phone number (a mobile number, or a landline with its area
 * code). Text is compared normalised (NFKC, lower case, no white space), so full-width digits and spaces between
 * them do not hide a number.
 */

/** A mainland mobile number (11 digits from 13… to 19…), not inside a longer run of digits. */
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;
/** A landline with its area code (dashes already gone): 073158888888, (0731)5888888. */
const LANDLINE = /(?<!\d)0\d{2,3}[)）]?\d{7,8}(?!\d)/;
const SUFFIXES = ['股份有限公司', '有限责任公司', '有限公司', '集团', '公司', '合作社', '个体工商户', '厂', '店'];
/** A name shorter than this once the suffix is gone says too little to refuse on (湘潭 alone is not an identity). */
const CORE_MIN_CHARS = 4;

export interface FaqIdentity {
  enterpriseName: string;
  creditCode: string;
}

function squeeze(text: string): string {
  return normalizeText(text).replace(/\s+/g, '');
}

/** The names to refuse: the whole name and its core without the company-form suffix (when long enough). */
function namesOf(name: string): string[] {
  const whole = squeeze(name);
  const out = whole ? [whole] : [];
  for (const suffix of SUFFIXES) {
    if (whole.endsWith(suffix)) {
      const core = whole.slice(0, -suffix.length);
      if ([...core].length >= CORE_MIN_CHARS) out.push(core);
      break;
    }
  }
  return out;
}

export type IdentityProblem = 'enterprise_name' | 'credit_code' | 'phone';

export const IDENTITY_MESSAGES: Record<IdentityProblem, string> = {
  enterprise_name: '内容中含有来源企业的名称，请改写为不含企业身份的表述后再保存',
  credit_code: '内容中含有来源企业的统一社会信用代码，请删除后再保存',
  phone: '内容中含有电话号码，请删除后再保存（可引导企业拨打 12345 或联系管家）',
};

/** The first problem of `text`, or null. `identity`: the source consultation's enterprise, when there is one. */
export function identityProblem(text: string, identity: FaqIdentity | null): IdentityProblem | null {
  const squeezed = squeeze(text);
  if (identity) {
    if (namesOf(identity.enterpriseName).some((n) => squeezed.includes(n))) return 'enterprise_name';
    const code = squeeze(identity.creditCode);
    if (code && squeezed.includes(code)) return 'credit_code';
  }
  // Spaces and dashes between digits do not hide a number: 138 0000 1234, 138-0000-1234, 0731-5888 8888.
  const digits = normalizeText(text).replace(/(?<=\d)[\s-]+(?=\d)/g, '');
  if (MOBILE.test(digits) || LANDLINE.test(digits)) return 'phone';
  return null;
}
