import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  RegistrationCaseDto,
  type RegistrationCaseResult,
  type StaffRegistrationPage,
  StaffRegistrationQueryDto,
} from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { CurrentActor, ReqMeta, Roles } from '../../common/auth/decorators';
import { UuidParam } from '../../common/uuid.pipe';
import { StaffEventsService } from './staff-events.service';

/** The workbench's side of an event (any staff member): the registration list and 接待日 topics turned into cases. */
@ApiTags('staff')
@ApiBearerAuth()
@Roles(Role.BUTLER, Role.SUPERVISOR, Role.ADMIN)
@Controller('api/v1/staff/events')
export class StaffEventsController {
  constructor(private readonly staff: StaffEventsService) {}

  @Get(':id/registrations')
  @ApiOperation({ summary: '报名名单（按报名先后，手机号已脱敏），含签到、未到场人数' })
  registrations(@UuidParam() id: string, @Query() query: StaffRegistrationQueryDto): Promise<StaffRegistrationPage> {
    return this.staff.registrations(id, query);
  }

  @Post(':eventId/registrations/:id/case')
  @ApiOperation({ summary: '把企业接待日报名中反映的问题登记为诉求（来源：企业接待日）；重复提交返回同一诉求' })
  toCase(
    @CurrentActor() actor: Actor,
    @UuidParam('eventId') eventId: string,
    @UuidParam() id: string,
    @Body() dto: RegistrationCaseDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<RegistrationCaseResult> {
    return this.staff.toCase(actor, eventId, id, dto, meta);
  }
}
