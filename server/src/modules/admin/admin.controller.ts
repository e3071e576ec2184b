import { Body, Controller, Get, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type AdminEnterpriseItem,
  AdminEnterpriseQueryDto,
  AssignButlerDto,
  type AuditItem,
  AuditQueryDto,
  CreateDepartmentDto,
  CreateStaffDto,
  type DepartmentItem,
  type Page,
  type StaffItem,
  StaffQueryDto,
  UpdateDepartmentDto,
  UpdateStaffDto,
} from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { CurrentActor, ReqMeta, Roles } from '../../common/auth/decorators';
import { UuidParam } from '../../common/uuid.pipe';
import { AdminAuditService } from './admin-audit.service';
import { AdminDepartmentsService } from './admin-departments.service';
import { AdminEnterprisesService } from './admin-enterprises.service';
import { AdminStaffService } from './admin-staff.service';

/** Every route here is for admins only: the global AuthGuard answers 401 without a token, 403 (audited) to other roles. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.ADMIN)
@Controller('api/v1/admin')
export class AdminController {
  constructor(
    private readonly departments: AdminDepartmentsService,
    private readonly staff: AdminStaffService,
    private readonly enterprises: AdminEnterprisesService,
    private readonly auditLog: AdminAuditService,
  ) {}

  @Get('departments')
  @ApiOperation({ summary: '部门列表（含在岗人数）' })
  listDepartments(): Promise<DepartmentItem[]> {
    return this.departments.list();
  }

  @Post('departments')
  @ApiOperation({ summary: '新建部门（名称不可重复）' })
  createDepartment(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateDepartmentDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<DepartmentItem> {
    return this.departments.create(actor, dto, meta);
  }

  @Patch('departments/:id')
  @ApiOperation({ summary: '修改部门名称或简称' })
  updateDepartment(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() dto: UpdateDepartmentDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<DepartmentItem> {
    return this.departments.update(actor, id, dto, meta);
  }

  @Get('staff')
  @ApiOperation({ summary: '工作人员列表（手机号已脱敏）' })
  listStaff(@Query() query: StaffQueryDto): Promise<StaffItem[]> {
    return this.staff.list(query);
  }

  @Post('staff')
  @ApiOperation({ summary: '新建管家、主管或管理员账号（首次登录须修改密码）' })
  createStaff(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateStaffDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<StaffItem> {
    return this.staff.create(actor, dto, meta);
  }

  @Patch('staff/:id')
  @ApiOperation({ summary: '修改工作人员：资料、角色、部门、停用/启用、重置密码、解除锁定' })
  updateStaff(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() dto: UpdateStaffDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<StaffItem> {
    return this.staff.update(actor, id, dto, meta);
  }

  @Get('enterprises')
  @ApiOperation({ summary: '企业列表（按名称分页，可按名称或统一社会信用代码搜索）' })
  listEnterprises(@Query() query: AdminEnterpriseQueryDto): Promise<Page<AdminEnterpriseItem>> {
    return this.enterprises.list(query);
  }

  @Put('enterprises/:id/butler')
  @ApiOperation({ summary: '为企业指派亲商管家' })
  assignButler(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() dto: AssignButlerDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<AdminEnterpriseItem> {
    return this.enterprises.assignButler(actor, id, dto, meta);
  }

  @Get('audit')
  @ApiOperation({ summary: '审计日志（按时间倒序，游标分页；查看本身也会记入日志）' })
  listAudit(
    @CurrentActor() actor: Actor,
    @Query() query: AuditQueryDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<Page<AuditItem>> {
    return this.auditLog.list(actor, query, meta);
  }
}
