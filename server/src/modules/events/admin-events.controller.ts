import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type AdminEventItem,
  AdminEventQueryDto,
  CancelEventDto,
  type EventDetail,
  EventInputDto,
  type Page,
  UpdateEventDto,
} from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { CurrentActor, ReqMeta, Roles } from '../../common/auth/decorators';
import { UuidParam } from '../../common/uuid.pipe';
import { AdminEventsService } from './admin-events.service';

/** The workbench's 潭商讲堂 (admins only): list, edit, publish, cancel. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.ADMIN)
@Controller('api/v1/admin/events')
export class AdminEventsController {
  constructor(private readonly events: AdminEventsService) {}

  @Get()
  @ApiOperation({ summary: '活动管理：全部状态，最近修改的在前；可按状态筛选' })
  list(@Query() query: AdminEventQueryDto): Promise<Page<AdminEventItem>> {
    return this.events.list(query);
  }

  @Post()
  @ApiOperation({ summary: '新建活动（草稿）' })
  create(@CurrentActor() actor: Actor, @Body() dto: EventInputDto, @ReqMeta() meta: RequestMeta): Promise<EventDetail> {
    return this.events.create(actor, dto, meta);
  }

  @Get(':id')
  @ApiOperation({ summary: '活动详情（任何状态，用于编辑）' })
  detail(@UuidParam() id: string): Promise<EventDetail> {
    return this.events.detail(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: '修改活动；名额不能少于已报名成功人数，增加的名额按先后给候补者' })
  update(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() dto: UpdateEventDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<EventDetail> {
    return this.events.update(actor, id, dto, meta);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @ApiOperation({ summary: '发布活动（开始时间须在将来；重复发布不报错）' })
  publish(@CurrentActor() actor: Actor, @UuidParam() id: string, @ReqMeta() meta: RequestMeta): Promise<EventDetail> {
    return this.events.publish(actor, id, meta);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: '取消活动并通知所有报名与候补的企业用户' })
  cancel(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() dto: CancelEventDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<EventDetail> {
    return this.events.cancel(actor, id, dto, meta);
  }
}
