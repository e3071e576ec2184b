import type {
  CaseApplication,
  ServiceEligibility,
  ServicePackageDetail,
  ServicePackageItem,
} from '@qsgj/shared/contracts';
import { ENTERPRISE_SCALE_LABEL } from '@qsgj/shared/enums';
import type { Eligibility, EligibilityRules } from '@qsgj/shared/rules';
import type { ServicePackageEntity } from './service-package.entity';
import type { PackageFigures } from './service-packages.repository';
import type { Applicant } from './applicants';

const SUMMARY_CHARS = 60;

/** A package's eligibility as `evaluateEligibility` reads it: a city-wide offer with no validity period. */
export function packageRules(p: ServicePackageEntity): EligibilityRules {
  return {
    level: 'city',
    industries: p.industries,
    scales: p.scales,
    districts: p.districts,
    qualifications: p.qualifications,
    validFrom: null,
    validTo: null,
  };
}

/** The first line of the description, cut to a card's length. */
function summaryOf(description: string): string {
  const line =
    description
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? '';
  const chars = [...line];
  return chars.length > SUMMARY_CHARS ? `${chars.slice(0, SUMMARY_CHARS).join('')}…` : line;
}

export function toServicePackageItem(p: ServicePackageEntity, f: PackageFigures): ServicePackageItem {
  return {
    id: p.id,
    name: p.name,
    provider: { id: p.departmentId, name: p.department?.name ?? '' },
    summary: summaryOf(p.description),
    timeLimitDays: p.timeLimitDays,
    active: p.active,
    applications: f.applications,
    satisfactionRate: f.rated === 0 ? null : Math.round((f.satisfied / f.rated) * 10_000) / 10_000,
  };
}

export function toServiceEligibility(e: Eligibility): ServiceEligibility {
  return { eligible: e.eligible, met: e.met, missing: e.missing };
}

export function toServicePackageDetail(
  p: ServicePackageEntity,
  f: PackageFigures,
  match: ServiceEligibility | null,
): ServicePackageDetail {
  return {
    ...toServicePackageItem(p, f),
    description: p.description,
    eligibility: {
      industries: p.industries,
      scales: p.scales,
      districts: p.districts,
      qualifications: p.qualifications,
    },
    materials: p.materials,
    match,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** 一企一档 as an application's snapshot keeps it. */
export function profileSnapshot(a: Applicant): CaseApplication['profile'] {
  return {
    name: a.name,
    creditCode: a.creditCode,
    industry: a.profile.industry,
    scaleLabel: a.profile.scale ? ENTERPRISE_SCALE_LABEL[a.profile.scale] : null,
    district: a.profile.district,
    qualifications: [...a.profile.qualifications],
  };
}

/**
 * The case text of an application, prefilled from 一企一档 so the enterprise types nothing it already gave: what is
 * applied for, the enterprise and its profile, the conditions it meets, and its own note last.
 */
export function applicationContent(a: CaseApplication): string {
  const p = a.profile;
  const head =
    a.kind === 'package'
      ? `申请惠企服务「${a.title}」（${a.provider}）`
      : `申请享受政策「${a.title}」（${a.provider}）`;
  const lines = [
    head,
    `企业：${p.name}（统一社会信用代码 ${p.creditCode}）`,
    `所属行业：${p.industry ?? '未填写'}；企业规模：${p.scaleLabel ?? '未填写'}；所在区域：${p.district ?? '未填写'}；企业资质：${
      p.qualifications.length > 0 ? p.qualifications.join('、') : '无'
    }`,
  ];
  if (a.met.length > 0) lines.push(`符合条件：${a.met.join('、')}`);
  if (a.note) lines.push(`补充说明：${a.note}`);
  return lines.join('\n');
}
