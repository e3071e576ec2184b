import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  MarketReportDecisionDto,
  type MarketReportItem,
  MarketReportQueryDto,
  type MarketPostDetail,
  MarketTakedownDto,
  type Page,
} from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { CurrentActor, ReqMeta, Roles } from '../../common/auth/decorators';
import { UuidParam } from '../../common/uuid.pipe';
import { MarketStaffService } from './market-staff.service';

/** The moderation of 企业商圈 (supervisors and admins): take-downs and the report queue. Every write audited. */
@ApiTags('market')
@ApiBearerAuth()
@Controller('api/v1/staff/market')
@Roles(Role.SUPERVISOR, Role.ADMIN)
export class StaffMarketController {
  constructor(private readonly staff: MarketStaffService) {}

  @Post('posts/:id/takedown')
  @HttpCode(200)
  @ApiOperation({ summary: '下架供需信息（须填写理由；发布方收到通知）' })
  takedown(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() dto: MarketTakedownDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<MarketPostDetail> {
    return this.staff.takedown(actor, id, dto.reason, meta);
  }

  @Get('reports')
  @ApiOperation({ summary: '举报与待人工复核的信息（默认待处理的，最早的在前）' })
  reports(@Query() query: MarketReportQueryDto): Promise<Page<MarketReportItem>> {
    return this.staff.list(query);
  }

  @Post('reports/:id/decision')
  @HttpCode(200)
  @ApiOperation({ summary: '处理举报：下架该信息，或驳回举报（待复核的信息随之展示）' })
  decide(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() dto: MarketReportDecisionDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<MarketReportItem> {
    return this.staff.decide(actor, id, dto, meta);
  }
}
