import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { Transform } from 'class-transformer';
import { type CaseState, EnterpriseScale } from '../enums';
import { DICTIONARY_VALUE_MAX, POLICY_LIST_MAX } from '../rules/policies/limits';
import { IsPageLimit, PageQueryDto } from './paging';
import { MaxChars } from './validation';

/** Contracts of 惠企服务 service packages, their applications, and 一键申报 from a matched policy (issue 11). */

export const SERVICE_PACKAGE_PAGE_MAX = 50;
export const SERVICE_PACKAGE_NAME_MAX = 50;
export const SERVICE_PACKAGE_DESCRIPTION_MAX = 2000;
export const SERVICE_PACKAGE_MATERIALS_MAX = 20;
export const SERVICE_PACKAGE_MATERIAL_MAX = 100;
/** A package's time limit: 1 to 60 working days. */
export const SERVICE_PACKAGE_DAYS_MIN = 1;
export const SERVICE_PACKAGE_DAYS_MAX = 60;
/** The optional note an applicant adds (the rest comes from 一企一档). */
export const SERVICE_APPLICATION_NOTE_MAX = 500;

const SCALE_VALUES: readonly EnterpriseScale[] = Object.values(EnterpriseScale);
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A list of dictionary values (行业、区域、资质): each a non-empty text, no repeats (as the policies' lists). */
function DictionaryValues(name: string): PropertyDecorator {
  return (target: object, property: string | symbol) => {
    IsOptional()(target, property);
    IsArray({ message: `${name}必须是列表` })(target, property);
    ArrayMaxSize(POLICY_LIST_MAX, { message: `${name}最多 ${POLICY_LIST_MAX} 项` })(target, property);
    ArrayUnique({ message: `${name}不能重复` })(target, property);
    IsString({ each: true, message: `${name}的每一项必须是文本` })(target, property);
    Matches(/\S/, { each: true, message: `${name}不能有空项` })(target, property);
    MaxChars(DICTIONARY_VALUE_MAX, { each: true, message: `${name}的每一项不能超过 ${DICTIONARY_VALUE_MAX} 个字符` })(
      target,
      property,
    );
  };
}

/** Who may apply for a package: an empty list is no restriction (the policies' rules, evaluateEligibility). */
export interface ServicePackageEligibility {
  industries: string[];
  scales: EnterpriseScale[];
  districts: string[];
  qualifications: string[];
}

/** How a package (or a policy) fits my enterprise: the conditions met and those still missing, in words. */
export interface ServiceEligibility {
  eligible: boolean;
  met: string[];
  missing: string[];
}

/** A package in the 惠企服务 list (and the admin's list). */
export interface ServicePackageItem {
  id: string;
  name: string;
  provider: { id: string; name: string };
  /** The first line of the description, for the card. */
  summary: string;
  timeLimitDays: number;
  active: boolean;
  /** Applications received (its cases, never one still held by the content check). */
  applications: number;
  /** Satisfied ratings (基本满意 or better) over rated cases, 0–1 (a voided rating not counted); null while none is rated. */
  satisfactionRate: number | null;
}

export interface ServicePackageDetail extends ServicePackageItem {
  description: string;
  eligibility: ServicePackageEligibility;
  materials: string[];
  /** A signed-in member of an approved enterprise: how the package fits it; otherwise null. */
  match: ServiceEligibility | null;
  createdAt: string;
  updatedAt: string;
}

/** `GET /service-packages`: active packages, optionally of one provider department. */
export class ServicePackageQueryDto extends PageQueryDto {
  @IsPageLimit(SERVICE_PACKAGE_PAGE_MAX)
  declare limit?: number;

  @IsOptional()
  @IsUUID('all', { message: '部门编号格式错误' })
  department?: string;
}

/** `GET /admin/service-packages`: every package, retired ones too; `status` narrows. */
export class AdminServicePackageQueryDto extends PageQueryDto {
  @IsPageLimit(SERVICE_PACKAGE_PAGE_MAX)
  declare limit?: number;

  @IsOptional()
  @IsIn(['all', 'active', 'retired'], { message: '状态只能是 all、active 或 retired' })
  status?: 'all' | 'active' | 'retired';
}

/** The fields of a package every write may carry; the create class makes the main ones required. */
export class ServicePackageOptionalFieldsDto {
  @IsOptional()
  @DictionaryValues('适用行业')
  industries?: string[];

  @IsOptional()
  @IsArray({ message: '适用规模必须是列表' })
  @ArrayUnique({ message: '适用规模不能重复' })
  @IsIn(SCALE_VALUES, { each: true, message: '适用规模只能是微型、小型、中型或大型' })
  scales?: EnterpriseScale[];

  @IsOptional()
  @DictionaryValues('适用区域')
  districts?: string[];

  @IsOptional()
  @DictionaryValues('资质要求')
  qualifications?: string[];

  @IsOptional()
  @IsArray({ message: '所需材料必须是列表' })
  @ArrayMaxSize(SERVICE_PACKAGE_MATERIALS_MAX, { message: `所需材料最多 ${SERVICE_PACKAGE_MATERIALS_MAX} 项` })
  @ArrayUnique({ message: '所需材料不能重复' })
  @IsString({ each: true, message: '所需材料的每一项必须是文本' })
  @Matches(/\S/, { each: true, message: '所需材料不能有空项' })
  @MaxChars(SERVICE_PACKAGE_MATERIAL_MAX, {
    each: true,
    message: `所需材料的每一项不能超过 ${SERVICE_PACKAGE_MATERIAL_MAX} 个字`,
  })
  materials?: string[];

  @ValidateIf((_o: object, v: unknown) => v !== undefined)
  @IsBoolean({ message: '上架状态必须是 true 或 false' })
  active?: boolean;
}

/** `POST /admin/service-packages`. Dictionary values and the department are checked by the server. */
export class ServicePackageInputDto extends ServicePackageOptionalFieldsDto {
  @Transform(trim)
  @IsNotEmpty({ message: '请输入服务名称' })
  @IsString({ message: '服务名称必须是文本' })
  @MaxChars(SERVICE_PACKAGE_NAME_MAX, { message: `服务名称不能超过 ${SERVICE_PACKAGE_NAME_MAX} 个字` })
  name!: string;

  @IsUUID('all', { message: '请选择服务提供部门' })
  departmentId!: string;

  @Transform(trim)
  @IsNotEmpty({ message: '请输入服务介绍' })
  @IsString({ message: '服务介绍必须是文本' })
  @MaxChars(SERVICE_PACKAGE_DESCRIPTION_MAX, {
    message: `服务介绍不能超过 ${SERVICE_PACKAGE_DESCRIPTION_MAX} 个字`,
  })
  description!: string;

  @IsInt({ message: '办理时限必须是整数（工作日）' })
  @Min(SERVICE_PACKAGE_DAYS_MIN, { message: `办理时限至少 ${SERVICE_PACKAGE_DAYS_MIN} 个工作日` })
  @Max(SERVICE_PACKAGE_DAYS_MAX, { message: `办理时限最多 ${SERVICE_PACKAGE_DAYS_MAX} 个工作日` })
  timeLimitDays!: number;
}

/** `PATCH /admin/service-packages/:id`: any field; `active: true` puts a retired package back on the shelf. */
export class UpdateServicePackageDto extends ServicePackageOptionalFieldsDto {
  @IsOptional()
  @Transform(trim)
  @IsNotEmpty({ message: '服务名称不能为空' })
  @IsString({ message: '服务名称必须是文本' })
  @MaxChars(SERVICE_PACKAGE_NAME_MAX, { message: `服务名称不能超过 ${SERVICE_PACKAGE_NAME_MAX} 个字` })
  name?: string;

  @IsOptional()
  @IsUUID('all', { message: '请选择服务提供部门' })
  departmentId?: string;

  @IsOptional()
  @Transform(trim)
  @IsNotEmpty({ message: '服务介绍不能为空' })
  @IsString({ message: '服务介绍必须是文本' })
  @MaxChars(SERVICE_PACKAGE_DESCRIPTION_MAX, {
    message: `服务介绍不能超过 ${SERVICE_PACKAGE_DESCRIPTION_MAX} 个字`,
  })
  description?: string;

  @IsOptional()
  @IsInt({ message: '办理时限必须是整数（工作日）' })
  @Min(SERVICE_PACKAGE_DAYS_MIN, { message: `办理时限至少 ${SERVICE_PACKAGE_DAYS_MIN} 个工作日` })
  @Max(SERVICE_PACKAGE_DAYS_MAX, { message: `办理时限最多 ${SERVICE_PACKAGE_DAYS_MAX} 个工作日` })
  timeLimitDays?: number;
}

/**
 * `POST /service-packages/:id/applications` and `POST /policies/:id/applications` (一键申报), Idempotency-Key
 * required: the rest of the application comes from 一企一档; the enterprise only adds a note if it wishes.
 */
export class ServiceApplicationDto {
  @IsOptional()
  @Transform(trim)
  @IsString({ message: '补充说明必须是文本' })
  @MaxChars(SERVICE_APPLICATION_NOTE_MAX, { message: `补充说明不能超过 ${SERVICE_APPLICATION_NOTE_MAX} 个字` })
  note?: string;
}

/**
 * What an application was made for and what the enterprise qualified by, as it stood when it applied (a
 * snapshot on the case): the handling department and the applicant see it on the case.
 */
export interface CaseApplication {
  kind: 'package' | 'policy';
  /** The package's or the policy's id. */
  id: string;
  /** The package's name, or the policy's title. */
  title: string;
  /** The package's provider department, or the policy's 文号 and issuer. */
  provider: string;
  /** The conditions the enterprise met, in words (「高新技术企业」「岳塘区」); empty when the package restricts nothing. */
  met: string[];
  /** 一企一档 as it was: the facts the application was prefilled from. */
  profile: {
    name: string;
    creditCode: string;
    industry: string | null;
    scaleLabel: string | null;
    district: string | null;
    qualifications: string[];
  };
  /** The materials the package asks for (a policy asks for none here). */
  materials: string[];
  note: string | null;
}

/** `GET /me/policy-applications`: a policy my enterprise applied for (一键申报) and where its case stands. */
export interface PolicyApplicationItem {
  policy: { id: string; title: string; docNumber: string };
  case: {
    id: string;
    number: string;
    state: CaseState;
    createdAt: string;
    /** The resolve deadline while the clock runs; null once it is resolved, or while it waits on the enterprise. */
    expectedBy: string | null;
  };
}
