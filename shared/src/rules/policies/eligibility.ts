import { ENTERPRISE_SCALE_LABEL, type EnterpriseScale, type PolicyLevel } from '../../enums';
import { WHOLE_CITY } from './limits';

/** Who a policy is for (eligibility rules kept as data). An empty list means no restriction. */
export interface EligibilityRules {
  level: PolicyLevel;
  industries: readonly string[];
  scales: readonly EnterpriseScale[];
  districts: readonly string[];
  /** At least one of them held. */
  qualifications: readonly string[];
  /** `YYYY-MM-DD`, inclusive; null: no bound. */
  validFrom: string | null;
  validTo: string | null;
}

/** What matching reads of an enterprise (一企一档). */
export interface MatchProfile {
  industry: string | null;
  scale: EnterpriseScale | null;
  district: string | null;
  qualifications: readonly string[];
}

export type ProfileField = 'industry' | 'scale' | 'district';
export const PROFILE_FIELD_LABEL: Record<ProfileField, string> = {
  industry: '所属行业',
  scale: '企业规模',
  district: '所在区域',
};

export interface Eligibility {
  /** In force today and every condition met. */
  eligible: boolean;
  inForce: boolean;
  /** Conditions met, in words: 「电气机械和器材制造业」「中型企业」「岳塘区」「高新技术企业」. */
  met: string[];
  /** Conditions not met, in words: 「高新技术企业」, 「中型企业或大型企业」, or 「所在区域（请完善一企一档）」 when the profile does not say. */
  missing: string[];
  /** Profile fields the policy restricts on that the profile leaves empty. */
  unknown: ProfileField[];
}

/** `validFrom ≤ today ≤ validTo`, days as `YYYY-MM-DD` (a null bound is open). */
export function isInForce(rules: Pick<EligibilityRules, 'validFrom' | 'validTo'>, today: string): boolean {
  return (rules.validFrom === null || rules.validFrom <= today) && (rules.validTo === null || today <= rules.validTo);
}

/** A policy of this level or district list applies in every district. */
export function coversEveryDistrict(rules: Pick<EligibilityRules, 'level' | 'districts'>): boolean {
  return (
    rules.level === 'national' ||
    rules.level === 'provincial' ||
    rules.districts.length === 0 ||
    rules.districts.includes(WHOLE_CITY)
  );
}

const either = (values: readonly string[]) => values.join('或');
const needProfile = (field: ProfileField) => `${PROFILE_FIELD_LABEL[field]}（请完善一企一档）`;

/**
 * Evaluates a policy's rules against an enterprise's profile on `today`. The natural reading: an empty
 * list is no restriction; a national or provincial policy, or a district list holding 全市, covers every
 * district; of a qualification list at least one must be held; only a policy in force today matches.
 */
export function evaluateEligibility(rules: EligibilityRules, profile: MatchProfile, today: string): Eligibility {
  const met: string[] = [];
  const missing: string[] = [];
  const unknown: ProfileField[] = [];

  const check = (
    field: ProfileField,
    allowed: readonly string[],
    value: string | null,
    label: (v: string) => string,
  ) => {
    if (allowed.length === 0) return;
    if (value === null) {
      unknown.push(field);
      missing.push(needProfile(field));
    } else if (allowed.includes(value)) met.push(label(value));
    else missing.push(either(allowed.map(label)));
  };

  check('industry', rules.industries, profile.industry, (v) => v);
  check('scale', rules.scales, profile.scale, (v) => ENTERPRISE_SCALE_LABEL[v as EnterpriseScale] ?? v);
  if (!coversEveryDistrict(rules)) check('district', rules.districts, profile.district, (v) => v);
  if (rules.qualifications.length > 0) {
    const held = rules.qualifications.filter((q) => profile.qualifications.includes(q));
    if (held.length > 0) met.push(...held);
    else missing.push(either(rules.qualifications));
  }
  const inForce = isInForce(rules, today);
  return { eligible: inForce && missing.length === 0, inForce, met, missing, unknown };
}

/** The profile fields matching needs that this profile leaves empty (a thin profile is told so). */
export function profileGaps(profile: MatchProfile): ProfileField[] {
  return (['industry', 'scale', 'district'] as const).filter((f) => profile[f] === null || profile[f] === '');
}
