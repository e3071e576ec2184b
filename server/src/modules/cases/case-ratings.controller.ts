import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type CaseDetail,
  type CaseDetailStaff,
  type CaseFollowUpItem,
  CaseRatingDto,
  FollowUpDto,
  type FollowUpListItem,
  FollowUpRatingDto,
  type Page,
  PageQueryDto,
  RatingAppealDecisionDto,
  RatingAppealDto,
  type RatingAppealItem,
} from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { CurrentActor, ReqMeta, Roles } from '../../common/auth/decorators';
import { UuidParam } from '../../common/uuid.pipe';
import { CaseRatingsService } from './case-ratings.service';

/** 评价: the enterprise's rating, the follow-up of a 差评 (回访整改) and the butler's appeal (申诉复核). */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1')
export class CaseRatingsController {
  constructor(private readonly ratings: CaseRatingsService) {}

  @Post('cases/:id/rating')
  @Roles(Role.ENTERPRISE)
  @ApiOperation({ summary: '企业评价已办结的诉求（一事一评，五级；差评生成回访整改）' })
  rate(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() dto: CaseRatingDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<CaseDetail | CaseDetailStaff> {
    return this.ratings.rate(actor, id, dto, meta);
  }

  @Post('cases/:id/rating/appeal')
  @Roles(Role.BUTLER, Role.SUPERVISOR)
  @ApiOperation({ summary: '被评价的管家对评价申诉（申诉复核，每个评价一次）' })
  appeal(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() dto: RatingAppealDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<RatingAppealItem> {
    return this.ratings.appeal(actor, id, dto, meta);
  }

  @Post('rating-appeals/:id/decision')
  @HttpCode(200)
  @Roles(Role.SUPERVISOR, Role.ADMIN)
  @ApiOperation({ summary: '复核评价申诉：维持或撤销该评价（须写明理由）' })
  decide(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() dto: RatingAppealDecisionDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<RatingAppealItem> {
    return this.ratings.decide(actor, id, dto, meta);
  }

  @Get('follow-ups')
  @Roles(Role.SUPERVISOR, Role.ADMIN)
  @ApiOperation({ summary: '回访整改列表：主管看本部门的，协调中心和管理员看全部（按到期时间，游标分页）' })
  followUps(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<Page<FollowUpListItem>> {
    return this.ratings.listFollowUps(actor, query);
  }

  @Post('follow-ups/:id')
  @HttpCode(200)
  @Roles(Role.SUPERVISOR, Role.ADMIN)
  @ApiOperation({ summary: '登记回访整改情况（回访方式、时间、情况、整改措施）' })
  recordFollowUp(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() dto: FollowUpDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<CaseFollowUpItem> {
    return this.ratings.recordFollowUp(actor, id, dto, meta);
  }

  @Post('follow-ups/:id/rating')
  @HttpCode(200)
  @Roles(Role.ENTERPRISE)
  @ApiOperation({ summary: '企业评价回访整改情况（满意、基本满意、不满意，一次）' })
  rateFollowUp(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() dto: FollowUpRatingDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<CaseFollowUpItem> {
    return this.ratings.rateFollowUp(actor, id, dto, meta);
  }
}
