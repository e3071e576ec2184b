import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BindEnterpriseDto, DecideMemberDto, type EnterpriseMemberItem, type MeResponse } from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { CurrentActor, ReqMeta, Roles } from '../../common/auth/decorators';
import { UuidParam } from '../../common/uuid.pipe';
import { EnterpriseMembersService } from '../enterprises/enterprise-members.service';
import { MeService } from './me.service';

/** The enterprise user's side of their enterprise: binding, and (for its owner) its members. */
@ApiTags('me')
@ApiBearerAuth()
@Roles(Role.ENTERPRISE)
@Controller('api/v1/me/enterprise')
export class MyEnterpriseController {
  constructor(
    private readonly me: MeService,
    private readonly members: EnterpriseMembersService,
  ) {}

  @Post()
  @ApiOperation({ summary: '绑定企业（统一社会信用代码）：首位绑定者成为企业管理员，之后的绑定需审核' })
  bind(
    @CurrentActor() actor: Actor,
    @Body() dto: BindEnterpriseDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<MeResponse> {
    return this.me.bindEnterprise(actor, dto, meta);
  }

  @Get('members')
  @ApiOperation({ summary: '企业管理员查看本企业成员与待审核申请' })
  list(@CurrentActor() actor: Actor): Promise<EnterpriseMemberItem[]> {
    return this.members.listForOwner(actor);
  }

  @Post('members/:userId/decision')
  @HttpCode(200)
  @ApiOperation({ summary: '企业管理员同意或拒绝成员的绑定申请' })
  decide(
    @CurrentActor() actor: Actor,
    @UuidParam('userId') userId: string,
    @Body() dto: DecideMemberDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<EnterpriseMemberItem> {
    return this.members.decideAsOwner(actor, userId, dto.approve, meta);
  }
}
