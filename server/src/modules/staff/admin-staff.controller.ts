import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateStaffDto, type Page, type StaffItem, StaffQueryDto, UpdateStaffDto } from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { CurrentActor, ReqMeta, Roles } from '../../common/auth/decorators';
import { UuidParam } from '../../common/uuid.pipe';
import { StaffService } from './staff.service';

/** Admins only: the global AuthGuard answers 401 without a token, 403 (audited) to other roles. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.ADMIN)
@Controller('api/v1/admin/staff')
export class AdminStaffController {
  constructor(private readonly staff: StaffService) {}

  @Get()
  @ApiOperation({ summary: '工作人员列表（按用户名，游标分页；手机号已脱敏）' })
  list(@Query() query: StaffQueryDto): Promise<Page<StaffItem>> {
    return this.staff.list(query);
  }

  @Post()
  @ApiOperation({ summary: '新建管家、主管或管理员账号（首次登录须修改密码）' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateStaffDto, @ReqMeta() meta: RequestMeta): Promise<StaffItem> {
    return this.staff.create(actor, dto, meta);
  }

  @Patch(':id')
  @ApiOperation({ summary: '修改工作人员：资料、角色、部门、停用/启用、重置密码、解除锁定' })
  update(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() dto: UpdateStaffDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<StaffItem> {
    return this.staff.update(actor, id, dto, meta);
  }
}
