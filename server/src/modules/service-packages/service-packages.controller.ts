import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type CaseDetail,
  type CaseDetailStaff,
  type Page,
  ServiceApplicationDto,
  type ServicePackageDetail,
  type ServicePackageItem,
  ServicePackageQueryDto,
} from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { CurrentActor, Public, PublicIdentified, ReqMeta, Roles } from '../../common/auth/decorators';
import { RequireIdempotencyKey } from '../../common/idempotency/idempotency.interceptor';
import { UuidParam } from '../../common/uuid.pipe';
import { ServicePackagesService } from './service-packages.service';

/** 惠企服务 for everyone: the catalogue and a package (a visitor too); an enterprise member applies. */
@ApiTags('service-packages')
@ApiBearerAuth()
@Controller('api/v1/service-packages')
export class ServicePackagesController {
  constructor(private readonly packages: ServicePackagesService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: '惠企服务目录：上架的服务包（可按提供部门筛选），附申请数与满意度' })
  list(@Query() query: ServicePackageQueryDto): Promise<Page<ServicePackageItem>> {
    return this.packages.list(query);
  }

  @Get(':id')
  @PublicIdentified()
  @ApiOperation({ summary: '服务包详情（已下架的仅工作人员可见）；企业成员另见本企业符合与尚缺的条件' })
  detail(@CurrentActor() actor: Actor | undefined, @UuidParam() id: string): Promise<ServicePackageDetail> {
    return this.packages.detail(actor, id);
  }

  @Post(':id/applications')
  @Roles(Role.ENTERPRISE)
  @RequireIdempotencyKey()
  @ApiOperation({
    summary:
      '申请服务（须带 Idempotency-Key；须为已审核通过的企业成员且符合条件）：生成服务类诉求，由提供部门按时限办理',
  })
  apply(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() dto: ServiceApplicationDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<CaseDetail | CaseDetailStaff> {
    return this.packages.apply(actor, id, dto, meta);
  }
}
