import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuditItem, AuditQueryDto, type Page } from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { CurrentActor, ReqMeta, Roles } from '../../common/auth/decorators';
import { AuditService } from './audit.service';

@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.ADMIN)
@Controller('api/v1/admin/audit')
export class AdminAuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: '审计日志（按时间倒序，游标分页；查看本身也会记入日志）' })
  list(
    @CurrentActor() actor: Actor,
    @Query() query: AuditQueryDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<Page<AuditItem>> {
    return this.audit.list(actor, query, meta);
  }
}
