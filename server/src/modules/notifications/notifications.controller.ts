import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type NotificationItem,
  NotificationListQueryDto,
  type NotificationPage,
  RecordSubscribeGrantsDto,
  type SubscribeTemplatesResponse,
  type UnreadCountResponse,
} from '@qsgj/shared/contracts';
import type { Actor } from '../../common/auth/actor';
import { CurrentActor } from '../../common/auth/decorators';
import { UuidParam } from '../../common/uuid.pipe';
import { InboxService } from './inbox.service';

/** 消息中心, for enterprise users and staff alike: each sees only their own. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @ApiOperation({ summary: '我的消息（新的在前，游标分页），附未读数' })
  list(@CurrentActor() actor: Actor, @Query() query: NotificationListQueryDto): Promise<NotificationPage> {
    return this.inbox.list(actor, query);
  }

  @Get('unread-count')
  @ApiOperation({ summary: '未读消息数' })
  unreadCount(@CurrentActor() actor: Actor): Promise<UnreadCountResponse> {
    return this.inbox.unreadCount(actor);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: '全部标为已读' })
  readAll(@CurrentActor() actor: Actor): Promise<UnreadCountResponse> {
    return this.inbox.markAllRead(actor);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: '标为已读（重复调用不改变首次阅读时间）' })
  read(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<NotificationItem> {
    return this.inbox.markRead(actor, id);
  }

  @Get('templates')
  @ApiOperation({ summary: '可订阅的微信消息模板（每次最多请求 3 个）及我剩余的可发送次数' })
  templates(@CurrentActor() actor: Actor): Promise<SubscribeTemplatesResponse> {
    return this.inbox.templatesFor(actor);
  }

  @Post('grants')
  @HttpCode(200)
  @ApiOperation({ summary: '上报 wx.requestSubscribeMessage 的结果（去掉 errMsg）：accept 增加一次可发送次数' })
  grants(@CurrentActor() actor: Actor, @Body() dto: RecordSubscribeGrantsDto): Promise<SubscribeTemplatesResponse> {
    return this.inbox.recordGrants(actor, dto);
  }
}
