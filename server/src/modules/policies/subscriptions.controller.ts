import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type SubscriptionSettings, SubscriptionSettingsDto } from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { CurrentActor, ReqMeta, Roles } from '../../common/auth/decorators';
import { SubscriptionsService } from './subscriptions.service';

/** 政策订阅: which new policies reach me (类别、行业、区域, and everything matching my enterprise's profile). */
@ApiTags('policies')
@ApiBearerAuth()
@Roles(Role.ENTERPRISE)
@Controller('api/v1/me/subscriptions')
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Get()
  @ApiOperation({ summary: '我的政策订阅（未设置时：接收匹配本企业的政策）' })
  get(@CurrentActor() actor: Actor): Promise<SubscriptionSettings> {
    return this.subscriptions.get(actor);
  }

  @Put()
  @ApiOperation({ summary: '保存政策订阅（类别、行业、区域须为字典中启用的值）' })
  save(
    @CurrentActor() actor: Actor,
    @Body() dto: SubscriptionSettingsDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<SubscriptionSettings> {
    return this.subscriptions.save(actor, dto, meta);
  }
}
