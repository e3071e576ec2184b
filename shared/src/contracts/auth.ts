import { IsNotEmpty, IsString } from 'class-validator';
import { MaxChars, MinChars } from './validation';
import type { Role } from '../enums';

export class WechatLoginDto {
  @IsNotEmpty({ message: '缺少微信登录凭证' })
  @IsString({ message: '登录凭证必须是文本' })
  @MaxChars(256, { message: '登录凭证过长（最多 256 个字符）' })
  code!: string;
}

export class StaffLoginDto {
  @IsNotEmpty({ message: '请输入用户名' })
  @IsString({ message: '用户名必须是文本' })
  @MaxChars(64, { message: '用户名不能超过 64 个字符' })
  username!: string;

  @IsNotEmpty({ message: '请输入密码' })
  @IsString({ message: '密码必须是文本' })
  @MaxChars(128, { message: '密码不能超过 128 位' })
  password!: string;
}

export class RefreshDto {
  @IsNotEmpty({ message: '缺少刷新凭证' })
  @IsString({ message: '刷新凭证必须是文本' })
  @MaxChars(256, { message: '刷新凭证过长（最多 256 个字符）' })
  refreshToken!: string;
}

export class ChangePasswordDto {
  @IsNotEmpty({ message: '请输入当前密码' })
  @IsString({ message: '当前密码必须是文本' })
  @MaxChars(128, { message: '当前密码不能超过 128 位' })
  currentPassword!: string;

  @IsNotEmpty({ message: '请输入新密码' })
  @IsString({ message: '新密码必须是文本' })
  @MinChars(8, { message: '新密码至少 8 位' })
  @MaxChars(128, { message: '新密码不能超过 128 位' })
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
