import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateDepartmentDto, type DepartmentItem, UpdateDepartmentDto } from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { CurrentActor, ReqMeta, Roles } from '../../common/auth/decorators';
import { UuidParam } from '../../common/uuid.pipe';
import { DepartmentsService } from './departments.service';

/** Admins only: the global AuthGuard answers 401 without a token, 403 (audited) to other roles. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.ADMIN)
@Controller('api/v1/admin/departments')
export class AdminDepartmentsController {
  constructor(private readonly departments: DepartmentsService) {}

  @Get()
  @ApiOperation({ summary: '部门列表（含在岗人数）' })
  list(): Promise<DepartmentItem[]> {
    return this.departments.list();
  }

  @Post()
  @ApiOperation({ summary: '新建部门（名称不可重复）' })
  create(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateDepartmentDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<DepartmentItem> {
    return this.departments.create(actor, dto, meta);
  }

  @Patch(':id')
  @ApiOperation({ summary: '修改部门名称或简称' })
  update(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() dto: UpdateDepartmentDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<DepartmentItem> {
    return this.departments.update(actor, id, dto, meta);
  }
}
