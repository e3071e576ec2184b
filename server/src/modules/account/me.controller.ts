import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ConsentDto, type MeResponse, UpdateMeDto } from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import {
  AllowPendingPasswordChange,
  CurrentActor,
  NoConsentNeeded,
  ReqMeta,
  Roles,
} from '../../common/auth/decorators';
import { MeService } from './me.service';

@ApiTags('me')
@ApiBearerAuth()
@Controller('api/v1/me')
export class MeController {
  constructor(private readonly me: MeService) {}

  @AllowPendingPasswordChange()
  @Get()
  @ApiOperation({ summary: '我的资料、绑定的企业与审核状态' })
  get(@CurrentActor() actor: Actor): Promise<MeResponse> {
    return this.me.get(actor);
  }

  @Patch()
  @ApiOperation({ summary: '修改昵称、长辈版（大字）开关（企业用户须先同意当前隐私政策）' })
  update(@CurrentActor() actor: Actor, @Body() dto: UpdateMeDto): Promise<MeResponse> {
    return this.me.update(actor, dto);
  }

  @Roles(Role.ENTERPRISE)
  @NoConsentNeeded()
  @Post('consent')
  @HttpCode(200)
  @ApiOperation({ summary: '同意当前版本的隐私政策' })
  consent(@CurrentActor() actor: Actor, @Body() dto: ConsentDto, @ReqMeta() meta: RequestMeta): Promise<MeResponse> {
    return this.me.consent(actor, dto.version, meta);
  }
}
