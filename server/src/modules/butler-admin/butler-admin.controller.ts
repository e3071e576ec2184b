import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  BulkAssignButlersDto,
  BulkAssignQueryDto,
  type BulkAssignResult,
  type ButlerChangeItem,
  ButlerHistoryQueryDto,
  type Page,
  type StaffWorkload,
} from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { CurrentActor, ReqMeta, Roles } from '../../common/auth/decorators';
import { UuidParam } from '../../common/uuid.pipe';
import { ButlerAssignmentsService } from './butler-assignments.service';

/** Admins only: the global AuthGuard answers 401 without a token, 403 (audited) to other roles. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.ADMIN)
@Controller('api/v1/admin')
export class ButlerAdminController {
  constructor(private readonly assignments: ButlerAssignmentsService) {}

  @Post('enterprises/butler-assignments')
  @HttpCode(200)
  @ApiOperation({
    summary: '按区县、园区、原管家或企业批量分配亲商管家（?preview=true 只统计不修改）',
  })
  bulk(
    @CurrentActor() actor: Actor,
    @Query() query: BulkAssignQueryDto,
    @Body() dto: BulkAssignButlersDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<BulkAssignResult> {
    return this.assignments.bulk(actor, dto, query.preview === true, meta);
  }

  @Get('enterprises/:id/butler-history')
  @ApiOperation({ summary: '企业的管家变更记录（最新在前，游标分页）' })
  history(@UuidParam() id: string, @Query() query: ButlerHistoryQueryDto): Promise<Page<ButlerChangeItem>> {
    return this.assignments.history(id, query);
  }

  @Get('staff/:id/workload')
  @ApiOperation({ summary: '工作人员当前负责的企业数与未办结诉求数（停用前交接用）' })
  workload(@UuidParam() id: string): Promise<StaffWorkload> {
    return this.assignments.workloadOf(id);
  }
}
