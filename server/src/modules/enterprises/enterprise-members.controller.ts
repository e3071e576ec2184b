import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DecideMemberDto, type EnterpriseMemberItem } from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { CurrentActor, ReqMeta, Roles } from '../../common/auth/decorators';
import { UuidParam } from '../../common/uuid.pipe';
import { EnterpriseMembersService } from './enterprise-members.service';

/** Staff side of enterprise membership. */
@ApiTags('enterprises')
@ApiBearerAuth()
@Controller('api/v1/enterprises')
export class EnterpriseMembersController {
  constructor(private readonly members: EnterpriseMembersService) {}

  @Roles(Role.ADMIN, Role.SUPERVISOR, Role.BUTLER)
  @Post(':enterpriseId/members/:userId/decision')
  @HttpCode(200)
  @ApiOperation({ summary: '工作人员审核企业成员的绑定申请（管理员、主管、该企业的亲商管家）' })
  decide(
    @CurrentActor() actor: Actor,
    @UuidParam('enterpriseId') enterpriseId: string,
    @UuidParam('userId') userId: string,
    @Body() dto: DecideMemberDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<EnterpriseMemberItem> {
    return this.members.decideAsStaff(actor, enterpriseId, userId, dto.approve, meta);
  }
}
