import { IsBoolean, IsDefined, IsNotEmpty, IsOptional, IsString, Matches, ValidateIf } from 'class-validator';
import type { EnterpriseScale, MemberRole, MembershipStatus, Role } from '../enums';
import { IsCreditCode, MaxChars } from './validation';

export class BindEnterpriseDto {
  @IsNotEmpty({ message: '请输入统一社会信用代码' })
  @IsString({ message: '统一社会信用代码必须是文本' })
  @IsCreditCode()
  creditCode!: string;

  @IsNotEmpty({ message: '请输入企业名称' })
  @IsString({ message: '企业名称必须是文本' })
  @Matches(/\S/, { message: '企业名称不能只有空格' })
  @MaxChars(100, { message: '企业名称不能超过 100 个字符' })
  name!: string;

  @IsNotEmpty({ message: '请输入联系人姓名' })
  @IsString({ message: '联系人必须是文本' })
  @Matches(/\S/, { message: '联系人姓名不能只有空格' })
  @MaxChars(30, { message: '联系人姓名不能超过 30 个字符' })
  contactName!: string;

  /** The code from WeChat's getPhoneNumber button; the server exchanges it for the number. */
  @IsOptional()
  @IsNotEmpty({ message: '手机号授权凭证不能为空' })
  @IsString({ message: '手机号授权凭证必须是文本' })
  @MaxChars(256, { message: '手机号授权凭证过长（最多 256 个字符）' })
  phoneCode?: string;
}

export class UpdateMeDto {
  @IsOptional()
  @IsString({ message: '昵称必须是文本' })
  @Matches(/\S/, { message: '昵称不能为空' })
  @MaxChars(30, { message: '昵称不能超过 30 个字符' })
  nickname?: string;

  /** May be left out; `null` is refused (the setting is on or off). */
  @ValidateIf((_object: object, value: unknown) => value !== undefined)
  @IsBoolean({ message: '长辈版开关必须是布尔值（true 或 false）' })
  largeFont?: boolean;
}

export class ConsentDto {
  @IsNotEmpty({ message: '缺少隐私政策版本' })
  @IsString({ message: '隐私政策版本必须是文本' })
  @Matches(/^[\w.-]{1,32}$/, { message: '隐私政策版本格式错误：1 至 32 位字母、数字、下划线、点或短横线' })
  version!: string;
}

export class DecideMemberDto {
  @IsDefined({ message: '请选择同意或拒绝' })
  @IsBoolean({ message: '审核结果必须是 true 或 false' })
  approve!: boolean;
}

/** What anyone bound to an enterprise may see of it, even while the request is pending. */
export interface EnterpriseBrief {
  creditCode: string;
  name: string;
}

/** The enterprise's profile, shown to its approved members. */
export interface EnterpriseSummary extends EnterpriseBrief {
  id: string;
  scale: EnterpriseScale | null;
  district: string | null;
}

/**
 * My binding to an enterprise. Until the owner (or staff) approves it, only the enterprise's
 * name and credit code are shown: a join request must not reveal the enterprise's data.
 */
export type MyMembership =
  | { role: MemberRole; status: 'approved'; enterprise: EnterpriseSummary }
  | { role: MemberRole; status: 'pending' | 'rejected'; enterprise: EnterpriseBrief };

export interface MeResponse {
  id: string;
  role: Role;
  nickname: string | null;
  /** Masked, e.g. 138****1234. */
  phone: string | null;
  largeFont: boolean;
  consentVersion: string | null;
  consentRequired: boolean;
  membership: MyMembership | null;
  department: { id: string; name: string } | null;
  mustChangePassword: boolean;
}

/** A member of my enterprise, as its owner (or staff) sees them. */
export interface EnterpriseMemberItem {
  userId: string;
  nickname: string | null;
  contactName: string | null;
  /** Masked. */
  phone: string | null;
  role: MemberRole;
  status: MembershipStatus;
  requestedAt: string;
  decidedAt: string | null;
}

export interface MyButlerResponse {
  id: string;
  name: string;
  department: string | null;
  specialties: string[];
  /** Masked until a case links the enterprise and the butler. */
  phone: string | null;
}

/** 个人信息导出 (PIPL art. 45): everything the server holds about me. No tokens, no hashes. */
export interface MyDataExport {
  exportedAt: string;
  profile: {
    id: string;
    role: Role;
    nickname: string | null;
    /** My own number, unmasked. */
    phone: string | null;
    /** The identifiers WeChat gave this mini-program for me. */
    openid: string | null;
    unionid: string | null;
    /** Staff only. */
    username: string | null;
    name: string | null;
    department: { id: string; name: string } | null;
    specialties: string[];
    largeFont: boolean;
    createdAt: string;
    updatedAt: string;
  };
  consent: { version: string | null; at: string | null };
  membership: (MyMembership & { contactName: string | null; requestedAt: string; decidedAt: string | null }) | null;
  sessions: Array<{
    id: string;
    createdAt: string;
    lastSeenAt: string;
    expiresAt: string;
    revokedAt: string | null;
    revokeReason: string | null;
  }>;
  /** My inbox, and the WeChat subscribe-message permissions I gave. */
  notifications: Array<{ kind: string; title: string; body: string; createdAt: string; readAt: string | null }>;
  subscriptions: Array<{ templateId: string; credits: number }>;
  /** What the audit log recorded me doing. */
  auditLog: Array<{
    at: string;
    action: string;
    outcome: string;
    targetType: string | null;
    targetId: string | null;
    ip: string | null;
    details: Record<string, unknown> | null;
  }>;
}
