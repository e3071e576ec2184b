import { IsNotEmpty, IsString, MaxLength, MinLength } from 'class-validator';
import type { Role } from '../enums';

export class WechatLoginDto {
  @IsString({ message: '登录凭证必须是文本' })
  @IsNotEmpty({ message: '缺少微信登录凭证' })
  @MaxLength(256, { message: '登录凭证过长' })
  code!: string;
}

export class StaffLoginDto {
  @IsString({ message: '用户名必须是文本' })
  @IsNotEmpty({ message: '请输入用户名' })
  @MaxLength(64, { message: '用户名不能超过 64 个字符' })
  username!: string;

  @IsString({ message: '密码必须是文本' })
  @IsNotEmpty({ message: '请输入密码' })
  @MaxLength(128, { message: '密码不能超过 128 位' })
  password!: string;
}

export class RefreshDto {
  @IsString({ message: '刷新凭证必须是文本' })
  @IsNotEmpty({ message: '缺少刷新凭证' })
  @MaxLength(256, { message: '刷新凭证格式错误' })
  refreshToken!: string;
}

export class ChangePasswordDto {
  @IsString({ message: '当前密码必须是文本' })
  @IsNotEmpty({ message: '请输入当前密码' })
  @MaxLength(128, { message: '密码不能超过 128 位' })
  currentPassword!: string;

  @IsString({ message: '新密码必须是文本' })
  @MinLength(8, { message: '新密码至少 8 位' })
  @MaxLength(128, { message: '新密码不能超过 128 位' })
  newPassword!: string;
}

export interface SessionUser {
  id: string;
  role: Role;
  displayName: string;
  mustChangePassword: boolean;
}

export interface TokenResponse {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string;
  user: SessionUser;
  /** True when the user has not yet agreed to the current privacy notice. */
  consentRequired: boolean;
}

export interface AuthConfigResponse {
  /** The server runs against the project's fake WeChat: the H5 app may offer development sign-in. */
  fakeWechat: boolean;
  consentVersion: string;
}
