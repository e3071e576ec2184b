/** Mainland mobile numbers: 11 digits starting with 1. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/** `13812341234` → `138****1234`; other shapes keep only their last four characters visible. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/^\+?86/, '');
  if (MOBILE_PATTERN.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  if (digits.length <= 4) return '*'.repeat(digits.length);
  return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}

/** Masks every mobile number inside free text (used by the log redactor). */
export function maskPhonesInText(text: string): string {
  return text.replace(/(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g, '$1****$3');
}
