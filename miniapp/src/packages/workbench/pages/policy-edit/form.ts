import type { PolicyAttachment, PolicyDetail, PolicyInputDto } from '@qsgj/shared/contracts';
import { type EnterpriseScale, PolicyLevel } from '@qsgj/shared/enums';
import { previewHtml, toRichHtml } from '@/packages/workbench/components/policy-form/rich-text';
import type { PreviewPolicy } from '@/packages/workbench/components/policy-preview';

/** The editor's fields, as typed (dates and links '' when empty). */
export interface PolicyForm {
  title: string;
  docNumber: string;
  issuer: string;
  level: PolicyLevel;
  categories: string[];
  industries: string[];
  scales: EnterpriseScale[];
  districts: string[];
  qualifications: string[];
  validFrom: string;
  validTo: string;
  summary: string;
  body: string;
  interpretation: string;
  attachments: PolicyAttachment[];
  sourceUrl: string;
}

export const EMPTY_FORM: PolicyForm = {
  title: '',
  docNumber: '',
  issuer: '',
  level: PolicyLevel.CITY,
  categories: [],
  industries: [],
  scales: [],
  districts: [],
  qualifications: [],
  validFrom: '',
  validTo: '',
  summary: '',
  body: '',
  interpretation: '',
  attachments: [],
  sourceUrl: '',
};

export function formOf(d: PolicyDetail): PolicyForm {
  return {
    title: d.title,
    docNumber: d.docNumber,
    issuer: d.issuer,
    level: d.level,
    categories: d.categories,
    industries: d.eligibility.industries,
    scales: d.eligibility.scales,
    districts: d.eligibility.districts,
    qualifications: d.eligibility.qualifications,
    validFrom: d.validFrom ?? '',
    validTo: d.validTo ?? '',
    summary: d.summary,
    body: d.body,
    interpretation: d.interpretation,
    attachments: d.attachments,
    sourceUrl: d.sourceUrl ?? '',
  };
}

/** What is sent (`POST /admin/policies`, or the whole of it as `PATCH`): texts trimmed, empties as null, rows with neither a name nor a link dropped. */
export function inputOf(f: PolicyForm): PolicyInputDto {
  return {
    title: f.title.trim(),
    docNumber: f.docNumber.trim(),
    issuer: f.issuer.trim(),
    level: f.level,
    categories: f.categories,
    industries: f.industries,
    scales: f.scales,
    districts: f.districts,
    qualifications: f.qualifications,
    validFrom: f.validFrom || null,
    validTo: f.validTo || null,
    summary: f.summary.trim(),
    body: toRichHtml(f.body),
    interpretation: toRichHtml(f.interpretation),
    attachments: f.attachments.map((a) => ({ name: a.name.trim(), url: a.url.trim() })).filter((a) => a.name || a.url),
    sourceUrl: f.sourceUrl.trim() || null,
  };
}

/** The form as the enterprise will read it. */
export function previewOf(f: PolicyForm): PreviewPolicy {
  const input = inputOf(f);
  return {
    title: input.title,
    docNumber: input.docNumber,
    issuer: input.issuer,
    level: input.level,
    categories: input.categories,
    validFrom: input.validFrom ?? null,
    validTo: input.validTo ?? null,
    summary: input.summary ?? '',
    body: previewHtml(f.body),
    interpretation: previewHtml(f.interpretation),
    attachments: input.attachments ?? [],
    sourceUrl: input.sourceUrl ?? null,
    eligibility: {
      industries: f.industries,
      scales: f.scales,
      districts: f.districts,
      qualifications: f.qualifications,
    },
  };
}

/** The fields the editor checks before sending (the server checks everything again). */
export function localErrors(f: PolicyForm): Record<string, string> {
  const e: Record<string, string> = {};
  if (!f.title.trim()) e.title = '请输入政策标题';
  if (!f.docNumber.trim()) e.docNumber = '请输入文号';
  if (!f.issuer.trim()) e.issuer = '请输入发文单位';
  if (!f.categories.length) e.categories = '请选择政策类别';
  if (f.validFrom && f.validTo && f.validTo < f.validFrom) e.validTo = '失效日期不能早于生效日期';
  return e;
}
