import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  BindEnterpriseDto,
  DecideMemberDto,
  type EnterpriseMemberItem,
  type MeResponse,
  type MyButlerResponse,
  type Page,
  PageQueryDto,
} from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { CurrentActor, ReqMeta, Roles } from '../../common/auth/decorators';
import { UuidParam } from '../../common/uuid.pipe';
import { EnterpriseBindingService } from './enterprise-binding.service';
import { EnterpriseButlersService } from './enterprise-butlers.service';
import { EnterpriseMembersService } from './enterprise-members.service';

/** The enterprise user's side of their enterprise: binding, its members (for its owner), its butler. */
@ApiTags('me')
@ApiBearerAuth()
@Roles(Role.ENTERPRISE)
@Controller('api/v1/me')
export class MyEnterpriseController {
  constructor(
    private readonly binding: EnterpriseBindingService,
    private readonly members: EnterpriseMembersService,
    private readonly butlers: EnterpriseButlersService,
  ) {}

  @Post('enterprise')
  @ApiOperation({ summary: '绑定企业（统一社会信用代码）：首位绑定者成为企业管理员，之后的绑定需审核' })
  bind(
    @CurrentActor() actor: Actor,
    @Body() dto: BindEnterpriseDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<MeResponse> {
    return this.binding.bindAndDescribe(actor, dto, meta);
  }

  @Get('enterprise/members')
  @ApiOperation({ summary: '企业管理员查看本企业成员与待审核申请（待审核在前，游标分页）' })
  list(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<Page<EnterpriseMemberItem>> {
    return this.members.listForOwner(actor, query);
  }

  @Post('enterprise/members/:userId/decision')
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

  @Get('butler')
  @ApiOperation({ summary: '我的亲商管家（企业审核通过后可见，电话脱敏）' })
  butler(@CurrentActor() actor: Actor): Promise<MyButlerResponse> {
    return this.butlers.myButler(actor);
  }
}
