import type { PolicyEligibility } from '@qsgj/shared/contracts';
import { ENTERPRISE_SCALE_LABEL, type PolicyLevel } from '@qsgj/shared/enums';
import { coversEveryDistrict } from '@qsgj/shared/rules';

/**
 * Who qualifies, in one plain sentence (the eligibility builder and the preview): each restriction the policy
 * sets, joined; an empty list is no restriction (「不限」), and a national or provincial policy, or 全市, covers
 * every district (`coversEveryDistrict`, as matching reads it).
 */
export function eligibilityReading(e: PolicyEligibility, level: PolicyLevel): string {
  const parts: string[] = [];
  if (e.industries.length) parts.push(`属于${e.industries.join('或')}`);
  if (e.scales.length) parts.push(`为${e.scales.map((s) => ENTERPRISE_SCALE_LABEL[s] ?? s).join('或')}`);
  if (!coversEveryDistrict({ level, districts: e.districts })) parts.push(`位于${e.districts.join('或')}`);
  if (e.qualifications.length) parts.push(`具备${e.qualifications.join('或')}资质`);
  if (!parts.length) return '所有企业均可适用（不限行业、规模、区域、资质）';
  return `${parts.join('、')}的企业可适用`;
}
