import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type AuthConfigResponse,
  ChangePasswordDto,
  RefreshDto,
  StaffLoginDto,
  type TokenResponse,
  WechatLoginDto,
} from '@qsgj/shared/contracts';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import {
  AllowPendingPasswordChange,
  CurrentActor,
  NoConsentNeeded,
  Public,
  ReqMeta,
} from '../../common/auth/decorators';
import { SignInRoute } from '../../common/throttle/rate-limits';
import { AuthService } from './auth.service';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Get('config')
  @ApiOperation({ summary: '登录方式：是否运行在模拟微信上（开发登录）、隐私政策版本' })
  config(): AuthConfigResponse {
    return this.auth.authConfig();
  }

  @Public()
  @SignInRoute()
  @Post('wechat')
  @HttpCode(200)
  @ApiOperation({ summary: '微信登录：wx.login 的 code 换取访问令牌' })
  wechat(@Body() dto: WechatLoginDto, @ReqMeta() meta: RequestMeta): Promise<TokenResponse> {
    return this.auth.signInWithWechat(dto.code, meta);
  }

  @Public()
  @SignInRoute({ account: 'username' })
  @Post('staff')
  @HttpCode(200)
  @ApiOperation({ summary: '工作人员登录（用户名 + 密码）' })
  staff(@Body() dto: StaffLoginDto, @ReqMeta() meta: RequestMeta): Promise<TokenResponse> {
    return this.auth.signInStaff(dto.username, dto.password, meta);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: '轮换刷新令牌' })
  refresh(@Body() dto: RefreshDto, @ReqMeta() meta: RequestMeta): Promise<TokenResponse> {
    return this.auth.refresh(dto.refreshToken, meta);
  }

  @ApiBearerAuth()
  @AllowPendingPasswordChange()
  @NoConsentNeeded()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: '退出登录（吊销本次会话）' })
  logout(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta): Promise<void> {
    return this.auth.signOut(actor, meta);
  }

  @ApiBearerAuth()
  @AllowPendingPasswordChange()
  @SignInRoute()
  @Post('password')
  @HttpCode(204)
  @ApiOperation({ summary: '工作人员修改密码（首次登录必须修改）；修改后所有会话失效' })
  changePassword(
    @CurrentActor() actor: Actor,
    @Body() dto: ChangePasswordDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<void> {
    return this.auth.changePassword(actor, dto.currentPassword, dto.newPassword, meta);
  }
}
