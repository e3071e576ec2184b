import { Body, Controller, Delete, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  CheckinDto,
  type CheckinResult,
  type EventCard,
  type EventDetail,
  EventQueryDto,
  type MyRegistrationItem,
  type Page,
  PageQueryDto,
  RegisterEventDto,
  type RegistrationResult,
} from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { CurrentActor, Public, PublicIdentified, ReqMeta, Roles } from '../../common/auth/decorators';
import { UuidParam } from '../../common/uuid.pipe';
import { EventsService } from './events.service';
import { StaffEventsService } from './staff-events.service';

/**
 * 潭商讲堂 for everyone: the list and the detail (a visitor too); an enterprise user signs up and cancels; staff
 * check registrants in at the door.
 */
@ApiTags('events')
@ApiBearerAuth()
@Controller('api/v1/events')
export class EventsController {
  constructor(
    private readonly events: EventsService,
    private readonly staff: StaffEventsService,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: '活动列表：即将举行（默认，最近的在前）或往期（最近的在前）；可按类型筛选，显示剩余名额' })
  list(@Query() query: EventQueryDto): Promise<Page<EventCard>> {
    return this.events.list(query);
  }

  @Get(':id')
  @PublicIdentified()
  @ApiOperation({ summary: '活动详情（草稿仅工作人员可见）；企业用户另见自己的报名状态与候补位次' })
  detail(@CurrentActor() actor: Actor | undefined, @UuidParam() id: string): Promise<EventDetail> {
    return this.events.detail(actor, id);
  }

  @Post(':id/registrations')
  @HttpCode(200)
  @Roles(Role.ENTERPRISE)
  @ApiOperation({
    summary: '报名：有名额即报名成功，名额已满则按先后进入候补；重复报名返回同一报名（接待日可填写要反映的问题）',
  })
  register(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() dto: RegisterEventDto,
  ): Promise<RegistrationResult> {
    return this.events.register(actor, id, dto);
  }

  @Delete(':id/registrations/me')
  @Roles(Role.ENTERPRISE)
  @ApiOperation({ summary: '取消我的报名：空出的名额按先后给第一位候补者，并通知其本人' })
  cancel(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<RegistrationResult> {
    return this.events.cancel(actor, id);
  }

  @Post(':id/checkins')
  @HttpCode(200)
  @Roles(Role.BUTLER, Role.SUPERVISOR, Role.ADMIN)
  @ApiOperation({ summary: '签到（工作人员）：扫描报名人的签到码，或在名单中勾选；重复签到不报错' })
  checkIn(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() dto: CheckinDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<CheckinResult> {
    return this.staff.checkIn(actor, id, dto, meta);
  }
}

/** 我的报名 and each registration's calendar file. */
@ApiTags('events')
@ApiBearerAuth()
@Roles(Role.ENTERPRISE)
@Controller('api/v1/me/registrations')
export class MyRegistrationsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @ApiOperation({ summary: '我的报名（最近的在前）；报名成功且活动未结束的附签到码（10 分钟内有效，过期请刷新）' })
  list(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<Page<MyRegistrationItem>> {
    return this.events.mine(actor, query);
  }

  @Get(':id/calendar.ics')
  @ApiProduces('text/calendar')
  @ApiOperation({ summary: '报名活动的日历文件（.ics，UTC 时间），可导入手机日历' })
  async calendar(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const file = await this.events.calendar(actor, id);
    reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('cache-control', 'private, no-store');
    return file.body;
  }
}
