/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet (digits and capital
 * letters without I, O, S, V, Z):
 *
 * | position | part                                   | checked here                                   |
 * | -------- | -------------------------------------- | ---------------------------------------------- |
 * | 1        | 登记管理部门代码 (registration authority) | one of 1–9, A, N, Y                            |
 * | 2        | 机构类别代码 (category)                   | one the authority uses (REGISTRATION_CATEGORIES) |
 * | 3–8      | 登记管理机关行政区划码 (GB/T 2260)         | six digits: a province (or 100000, national)   |
 * | 9–17     | 主体标识码 = 组织机构代码 (GB 11714)        | its own check character (position 17)          |
 * | 18       | 校验码                                    | weights 3^i mod 31 over the first 17            |
 *
 * The division is checked at province level only: the full GB/T 2260 table has some 3,200 rows and
 * changes every year, while a credit code is for life, so a code issued by a county since merged away
 * stays valid. A current table would refuse real codes; the province list has been stable since 1997
 * (重庆 50 the last added).
 */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const ALPHABET = CREDIT_CODE_ALPHABET;
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * GB 32100-2015 附录 A: each registration authority and the category characters it uses.
 * 1 机构编制 · 2 外交 · 3 司法行政 · 4 文化 · 5 民政 · 6 旅游 · 7 宗教 · 8 工会 · 9 工商 ·
 * A 中央军委改革和编制办公室 · N 农业 · Y 其他 (no categories: always 1).
 */
export const REGISTRATION_CATEGORIES: Readonly<Record<string, string>> = {
  '1': '1239', // 机关, 事业单位, 中央编办直接管理机构编制的群众团体, 其他
  '2': '19', // 外国常驻新闻机构, 其他
  '3': '123459', // 律师执业机构, 公证处, 基层法律服务所, 司法鉴定机构, 仲裁委员会, 其他
  '4': '19', // 外国在华文化中心, 其他
  '5': '1239', // 社会团体, 民办非企业单位, 基金会, 其他
  '6': '129', // 外国旅游部门常驻代表机构, 港澳台地区旅游部门常驻内地（大陆）代表机构, 其他
  '7': '129', // 宗教活动场所, 宗教院校, 其他
  '8': '19', // 基层工会, 其他
  '9': '123', // 企业, 个体工商户, 农民专业合作社
  A: '19', // 军队事业单位, 其他
  N: '1239', // 组级、村级、乡镇级集体经济组织, 其他
  Y: '1',
};

/** GB/T 2260 province-level codes (the first two digits of a division): 31 provinces, 台湾, 香港, 澳门. */
export const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82',
]); // prettier-ignore

/** Codes issued by a national registration authority carry the country's own code. */
const NATIONAL_DIVISION = '100000';

/** What can be wrong with a credit code, in the order it is checked. */
export type CreditCodeProblem =
  'length' | 'charset' | 'authority' | 'category' | 'division' | 'organization_code' | 'check_char';

/** A Chinese message for each problem, naming the part that is wrong. */
export const CREDIT_CODE_MESSAGES: Readonly<Record<CreditCodeProblem, string>> = {
  length: '统一社会信用代码应为 18 位',
  charset: '统一社会信用代码只能包含数字和大写字母（不含 I、O、S、V、Z）',
  authority: '统一社会信用代码第 1 位（登记管理部门代码）不正确，请核对营业执照',
  category: '统一社会信用代码第 2 位（机构类别代码）与登记管理部门不符，请核对营业执照',
  division: '统一社会信用代码第 3–8 位（登记机关行政区划码）不正确，请核对营业执照',
  organization_code: '统一社会信用代码第 9–17 位（组织机构代码）校验不通过，请核对营业执照',
  check_char: '统一社会信用代码校验位不正确，请核对营业执照',
};

/** Upper-cases and strips spaces, as a user might type it from a licence. */
export function normalizeCreditCode(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

/** The check character for the first 17 characters, or null when they hold a character outside the alphabet. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i]);
    if (value < 0) return null;
    sum += value * WEIGHTS[i];
  }
  const check = (31 - (sum % 31)) % 31;
  return ALPHABET[check];
}

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/**
 * GB 11714 组织机构代码: the check character of its first 8 characters (digits 0–9, letters A=10 … Z=35),
 * `11 − Σ(value × weight) mod 11` with 10 written X and 11 written 0. Null for any other character.
 */
export function organizationCodeCheckChar(first8: string): string | null {
  if (first8.length !== 8) return null;
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const value = /^[0-9A-Z]$/.test(first8[i]) ? parseInt(first8[i], 36) : -1;
    if (value < 0) return null;
    sum += value * ORG_WEIGHTS[i];
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** True when the 6-digit division names a province (or is the national code 100000). */
function isValidDivision(division: string): boolean {
  if (!/^\d{6}$/.test(division)) return false;
  if (division === NATIONAL_DIVISION) return true;
  return PROVINCE_CODES.has(division.slice(0, 2));
}

/** What is wrong with the code (after normalising), or null when it is a valid 统一社会信用代码. */
export function creditCodeProblem(input: string): CreditCodeProblem | null {
  const code = normalizeCreditCode(input);
  if (code.length !== 18) return 'length';
  for (const c of code) if (!ALPHABET.includes(c)) return 'charset';
  const categories = REGISTRATION_CATEGORIES[code[0]];
  if (categories === undefined) return 'authority';
  if (!categories.includes(code[1])) return 'category';
  if (!isValidDivision(code.slice(2, 8))) return 'division';
  if (organizationCodeCheckChar(code.slice(8, 16)) !== code[16]) return 'organization_code';
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) return 'check_char';
  return null;
}

/** The Chinese message for what is wrong with the code, or null when it is valid. */
export function creditCodeMessage(input: string): string | null {
  const problem = creditCodeProblem(input);
  return problem ? CREDIT_CODE_MESSAGES[problem] : null;
}

/** True when the code is valid in every part GB 32100-2015 lets one check (see the table above). */
export function isValidCreditCode(input: string): boolean {
  return creditCodeProblem(input) === null;
}

/**
 * A complete code from its first 8 characters (authority, category, division) and the first 8 of the
 * organisation code: both check characters are computed. For seeds and test fixtures.
 */
export function completeCreditCode(head8: string, organization8: string): string {
  const orgCheck = organizationCodeCheckChar(organization8);
  if (head8.length !== 8 || !orgCheck) throw new Error(`completeCreditCode: bad parts ${head8} ${organization8}`);
  const first17 = head8 + organization8 + orgCheck;
  const check = creditCodeCheckChar(first17);
  if (!check) throw new Error(`completeCreditCode: characters outside the alphabet in ${first17}`);
  return first17 + check;
}
