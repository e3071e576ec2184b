import type { EnterpriseProfile } from '@qsgj/shared/contracts';
import { profileGaps } from '@qsgj/shared/rules';
import type { EnterpriseEntity } from './enterprise.entity';
import type { ProfileFields } from './enterprise-profile.repository';

/** A `date` column as `YYYY-MM-DD`, whichever way the driver hands it over. */
function day(value: string | Date | null): string | null {
  if (value === null) return null;
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
}

/** The profile fields of an enterprise row, as they are compared and audited. */
export function profileFieldsOf(e: EnterpriseEntity): ProfileFields {
  return {
    industry: e.industry,
    scale: e.scale,
    district: e.district,
    qualifications: [...(e.qualifications ?? [])],
    foundedOn: day(e.foundedOn as string | Date | null),
  };
}

export function toEnterpriseProfile(e: EnterpriseEntity, canEdit: boolean): EnterpriseProfile {
  const fields = profileFieldsOf(e);
  return {
    enterpriseId: e.id,
    name: e.name,
    creditCode: e.creditCode,
    ...fields,
    gaps: profileGaps(fields),
    canEdit,
    updatedAt: e.updatedAt.toISOString(),
  };
}
