import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AdminEnterpriseItem, AdminEnterpriseQueryDto, AssignButlerDto, type Page } from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { CurrentActor, ReqMeta, Roles } from '../../common/auth/decorators';
import { UuidParam } from '../../common/uuid.pipe';
import { EnterpriseButlersService } from './enterprise-butlers.service';

/** Admins only: the global AuthGuard answers 401 without a token, 403 (audited) to other roles. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.ADMIN)
@Controller('api/v1/admin/enterprises')
export class AdminEnterprisesController {
  constructor(private readonly butlers: EnterpriseButlersService) {}

  @Get()
  @ApiOperation({ summary: '企业列表（按名称分页，可按名称或统一社会信用代码搜索）' })
  list(@Query() query: AdminEnterpriseQueryDto): Promise<Page<AdminEnterpriseItem>> {
    return this.butlers.list(query);
  }

  @Put(':id/butler')
  @ApiOperation({ summary: '为企业指派亲商管家' })
  assignButler(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() dto: AssignButlerDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<AdminEnterpriseItem> {
    return this.butlers.assign(actor, id, dto, meta);
  }
}
