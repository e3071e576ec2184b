import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type CaseDetail,
  type CaseDetailStaff,
  type Page,
  PageQueryDto,
  type PolicyApplicationItem,
  ServiceApplicationDto,
} from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { CurrentActor, ReqMeta, Roles } from '../../common/auth/decorators';
import { RequireIdempotencyKey } from '../../common/idempotency/idempotency.interceptor';
import { UuidParam } from '../../common/uuid.pipe';
import { PolicyApplicationsService } from './policy-applications.service';

/** 一键申报 from a matched policy, and 我的申报. */
@ApiTags('policies')
@ApiBearerAuth()
@Roles(Role.ENTERPRISE)
@Controller('api/v1')
export class PolicyApplicationsController {
  constructor(private readonly applications: PolicyApplicationsService) {}

  @Post('policies/:id/applications')
  @RequireIdempotencyKey()
  @ApiOperation({
    summary: '一键申报（须带 Idempotency-Key）：本企业符合条件的现行政策，按一企一档生成服务类诉求',
  })
  apply(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() dto: ServiceApplicationDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<CaseDetail | CaseDetailStaff> {
    return this.applications.apply(actor, id, dto, meta);
  }

  @Get('me/policy-applications')
  @ApiOperation({ summary: '我的申报：本企业申请享受的政策及其诉求编号、状态、预计办结时间' })
  mine(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<Page<PolicyApplicationItem>> {
    return this.applications.mine(actor, query);
  }
}
