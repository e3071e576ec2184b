import type { ServicePackageDetail, ServicePackageInputDto } from '@qsgj/shared/contracts';
import type { EnterpriseScale } from '@qsgj/shared/enums';

/** The editor's fields, as typed (the time limit as text, materials one per line). */
export interface PackageForm {
  name: string;
  departmentId: string;
  description: string;
  timeLimitDays: string;
  industries: string[];
  scales: EnterpriseScale[];
  districts: string[];
  qualifications: string[];
  materials: string;
}

export const EMPTY_PACKAGE_FORM: PackageForm = {
  name: '',
  departmentId: '',
  description: '',
  timeLimitDays: '5',
  industries: [],
  scales: [],
  districts: [],
  qualifications: [],
  materials: '',
};

export function packageFormOf(d: ServicePackageDetail): PackageForm {
  return {
    name: d.name,
    departmentId: d.provider.id,
    description: d.description,
    timeLimitDays: String(d.timeLimitDays),
    industries: d.eligibility.industries,
    scales: d.eligibility.scales,
    districts: d.eligibility.districts,
    qualifications: d.eligibility.qualifications,
    materials: d.materials.join('\n'),
  };
}

/** The materials, one per non-empty line, trimmed, each once. */
export function materialsOf(text: string): string[] {
  return [
    ...new Set(
      text
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== ''),
    ),
  ];
}

/** What is sent (`POST`, or the whole of it as `PATCH`). */
export function packageInputOf(f: PackageForm): ServicePackageInputDto {
  return {
    name: f.name.trim(),
    departmentId: f.departmentId,
    description: f.description.trim(),
    timeLimitDays: Number(f.timeLimitDays),
    industries: f.industries,
    scales: f.scales,
    districts: f.districts,
    qualifications: f.qualifications,
    materials: materialsOf(f.materials),
  };
}

/** The fields the editor checks before sending (the server checks everything again). */
export function packageFormErrors(f: PackageForm): Record<string, string> {
  const e: Record<string, string> = {};
  if (!f.name.trim()) e.name = '请输入服务名称';
  if (!f.departmentId) e.departmentId = '请选择服务提供部门';
  if (!f.description.trim()) e.description = '请输入服务介绍';
  const days = Number(f.timeLimitDays);
  if (!/^\d+$/.test(f.timeLimitDays.trim()) || days < 1 || days > 60) {
    e.timeLimitDays = '办理时限应为 1 到 60 之间的整数（工作日）';
  }
  return e;
}
