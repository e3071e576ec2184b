import { Controller, Delete, Get, HttpCode } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MyDataExport } from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { CurrentActor, NoConsentNeeded, ReqMeta, Roles } from '../../common/auth/decorators';
import { PrivacyService } from './privacy.service';

/** 个人信息保护: export my data, delete my account. */
@ApiTags('me')
@ApiBearerAuth()
@Controller('api/v1/me')
export class PrivacyController {
  constructor(private readonly privacy: PrivacyService) {}

  @Get('export')
  @ApiOperation({ summary: '导出我的个人信息（含本人完整手机号、会话记录与操作记录）' })
  export(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta): Promise<MyDataExport> {
    return this.privacy.export(actor, meta);
  }

  /** Staff accounts are deactivated by an admin, never deleted by their holder. Needs no consent: it is its withdrawal. */
  @Roles(Role.ENTERPRISE)
  @NoConsentNeeded()
  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: '注销账号：清除昵称、手机号与微信标识，解除企业绑定，退出所有登录' })
  delete(@CurrentActor() actor: Actor, @ReqMeta() meta: RequestMeta): Promise<void> {
    return this.privacy.deleteAccount(actor, meta);
  }
}
