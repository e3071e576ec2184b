import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type EnterpriseProfile, UpdateEnterpriseProfileDto } from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { CurrentActor, ReqMeta, Roles } from '../../common/auth/decorators';
import { UuidParam } from '../../common/uuid.pipe';
import { EnterpriseProfileService } from './enterprise-profile.service';

/** 一企一档 of my enterprise: approved members read it, its owner edits it. */
@ApiTags('me')
@ApiBearerAuth()
@Roles(Role.ENTERPRISE)
@Controller('api/v1/me/enterprise/profile')
export class MyEnterpriseProfileController {
  constructor(private readonly profiles: EnterpriseProfileService) {}

  @Get()
  @ApiOperation({ summary: '本企业的一企一档（行业、规模、区域、资质、成立日期）及尚缺的匹配信息' })
  get(@CurrentActor() actor: Actor): Promise<EnterpriseProfile> {
    return this.profiles.getMine(actor);
  }

  @Put()
  @ApiOperation({ summary: '企业管理员修改一企一档（取值须在字典中）' })
  update(
    @CurrentActor() actor: Actor,
    @Body() dto: UpdateEnterpriseProfileDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<EnterpriseProfile> {
    return this.profiles.updateMine(actor, dto, meta);
  }
}

/** 一企一档 of an enterprise the staff member serves (its butler, supervisors, admins); others: 404. */
@ApiTags('staff')
@ApiBearerAuth()
@Roles(Role.BUTLER, Role.SUPERVISOR, Role.ADMIN)
@Controller('api/v1/staff/enterprises/:id/profile')
export class StaffEnterpriseProfileController {
  constructor(private readonly profiles: EnterpriseProfileService) {}

  @Get()
  @ApiOperation({ summary: '所服务企业的一企一档' })
  get(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<EnterpriseProfile> {
    return this.profiles.getForStaff(actor, id);
  }

  @Put()
  @ApiOperation({ summary: '修改所服务企业的一企一档（取值须在字典中）' })
  update(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() dto: UpdateEnterpriseProfileDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<EnterpriseProfile> {
    return this.profiles.updateForStaff(actor, id, dto, meta);
  }
}
