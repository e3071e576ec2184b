import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AdminServicePackageQueryDto,
  type Page,
  type ServicePackageDetail,
  ServicePackageInputDto,
  type ServicePackageItem,
  UpdateServicePackageDto,
} from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { CurrentActor, ReqMeta, Roles } from '../../common/auth/decorators';
import { UuidParam } from '../../common/uuid.pipe';
import { AdminServicePackagesService } from './admin-service-packages.service';

/** The workbench's 惠企服务 (admins only): list (retired too), read, create, edit, retire; every change audited. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.ADMIN)
@Controller('api/v1/admin/service-packages')
export class AdminServicePackagesController {
  constructor(private readonly packages: AdminServicePackagesService) {}

  @Get()
  @ApiOperation({ summary: '服务包管理：全部服务包（含已下架），最近修改的在前' })
  list(@Query() query: AdminServicePackageQueryDto): Promise<Page<ServicePackageItem>> {
    return this.packages.list(query);
  }

  @Post()
  @ApiOperation({ summary: '新建服务包（默认上架）' })
  create(
    @CurrentActor() actor: Actor,
    @Body() dto: ServicePackageInputDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<ServicePackageDetail> {
    return this.packages.create(actor, dto, meta);
  }

  @Get(':id')
  @ApiOperation({ summary: '服务包详情（含已下架，用于编辑与预览）' })
  detail(@UuidParam() id: string): Promise<ServicePackageDetail> {
    return this.packages.detail(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: '修改服务包（active: true 重新上架）' })
  update(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() dto: UpdateServicePackageDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<ServicePackageDetail> {
    return this.packages.update(actor, id, dto, meta);
  }

  @Post(':id/retire')
  @HttpCode(200)
  @ApiOperation({ summary: '下架服务包（已有诉求照常办理；重复下架不报错）' })
  retire(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @ReqMeta() meta: RequestMeta,
  ): Promise<ServicePackageDetail> {
    return this.packages.retire(actor, id, meta);
  }
}
