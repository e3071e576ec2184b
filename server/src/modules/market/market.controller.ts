import { Body, Controller, Get, HttpCode, Patch, Post, Query, type StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type ContactRequestView,
  CreateContactRequestDto,
  CreateMarketPostDto,
  type MarketEnterpriseCard,
  MarketEnterpriseQueryDto,
  type MarketMatchesResponse,
  type MarketPostCard,
  type MarketPostDetail,
  MarketPostQueryDto,
  MarketReportDto,
  type MarketReportReceipt,
  type Page,
  RenewMarketPostDto,
  UpdateMarketPostDto,
} from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { CurrentActor, Public, PublicIdentified, ReqMeta, Roles } from '../../common/auth/decorators';
import { RequireIdempotencyKey } from '../../common/idempotency/idempotency.interceptor';
import { UuidParam } from '../../common/uuid.pipe';
import { fileResponse, ServesFile } from '../files/file-response';
import { MarketContactsService } from './market-contacts.service';
import { MarketDirectoryService } from './market-directory.service';
import { MarketPostsService } from './market-posts.service';

/**
 * 企业商圈 for everyone: the directory and the board (a visitor too); enterprise users publish, report and ask for
 * contact. A post off the board exists only for its enterprise and staff. No route here ever answers a contact.
 */
@ApiTags('market')
@ApiBearerAuth()
@Controller('api/v1/market')
export class MarketController {
  constructor(
    private readonly directory: MarketDirectoryService,
    private readonly posts: MarketPostsService,
    private readonly contacts: MarketContactsService,
  ) {}

  @Get('enterprises')
  @Public()
  @ApiOperation({ summary: '企业名录：已加入名录的企业（简介、主营产品、区域、行业；不含联系方式），可搜索与筛选' })
  enterprises(@Query() query: MarketEnterpriseQueryDto): Promise<Page<MarketEnterpriseCard>> {
    return this.directory.list(query);
  }

  @Get('enterprises/:id')
  @Public()
  @ApiOperation({ summary: '名录中的一家企业（未加入或已退出名录的答 404）' })
  enterprise(@UuidParam() id: string): Promise<MarketEnterpriseCard> {
    return this.directory.detail(id);
  }

  @Get('enterprises/:id/logo')
  @Public()
  @ServesFile('名录企业的标志图片')
  @ApiOperation({ summary: '名录企业的标志' })
  async logo(@UuidParam() id: string): Promise<StreamableFile> {
    return fileResponse(await this.directory.openLogo(id));
  }

  @Get('posts')
  @Public()
  @ApiOperation({ summary: '供需信息：展示中且未过期的供应、需求，按类型、类别、行业、区域筛选并可搜索，最新的在前' })
  board(@Query() query: MarketPostQueryDto): Promise<Page<MarketPostCard>> {
    return this.posts.board(query);
  }

  @Post('posts')
  @Roles(Role.ENTERPRISE)
  @RequireIdempotencyKey()
  @ApiOperation({ summary: '发布供应或需求（须带 Idempotency-Key；须为已审核通过的企业成员；内容经安全检查）' })
  create(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateMarketPostDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<MarketPostDetail> {
    return this.posts.create(actor, dto, meta);
  }

  @Get('posts/:id')
  @PublicIdentified()
  @ApiOperation({ summary: '供需详情（已关闭、过期、下架或审核中的仅本企业成员与工作人员可见）' })
  detail(@CurrentActor() actor: Actor | undefined, @UuidParam() id: string): Promise<MarketPostDetail> {
    return this.posts.detail(actor, id);
  }

  @Get('posts/:id/images/:fileId')
  @PublicIdentified()
  @ServesFile('供需信息的图片（信息可见时可见）')
  @ApiOperation({ summary: '供需信息的图片' })
  async image(
    @CurrentActor() actor: Actor | undefined,
    @UuidParam() id: string,
    @UuidParam('fileId') fileId: string,
  ): Promise<StreamableFile> {
    return fileResponse(await this.posts.openImage(actor, id, fileId));
  }

  @Get('posts/:id/matches')
  @PublicIdentified()
  @ApiOperation({ summary: '推荐对接：需求配供应、供应配需求，以及名录中的企业，附推荐理由，最匹配的在前' })
  matches(@CurrentActor() actor: Actor | undefined, @UuidParam() id: string): Promise<MarketMatchesResponse> {
    return this.posts.matches(actor, id);
  }

  @Patch('posts/:id')
  @Roles(Role.ENTERPRISE)
  @ApiOperation({ summary: '修改供需信息（发布人或企业管理员；内容重新检查）' })
  update(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() dto: UpdateMarketPostDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<MarketPostDetail> {
    return this.posts.update(actor, id, dto, meta);
  }

  @Post('posts/:id/close')
  @HttpCode(200)
  @Roles(Role.ENTERPRISE)
  @ApiOperation({ summary: '关闭供需信息（发布人或企业管理员）' })
  close(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @ReqMeta() meta: RequestMeta,
  ): Promise<MarketPostDetail> {
    return this.posts.close(actor, id, meta);
  }

  @Post('posts/:id/renew')
  @HttpCode(200)
  @Roles(Role.ENTERPRISE)
  @ApiOperation({ summary: '续期：自现在起展示若干天（最长 90 天；已关闭的重新展示）' })
  renew(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() dto: RenewMarketPostDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<MarketPostDetail> {
    return this.posts.renew(actor, id, dto.validDays, meta);
  }

  @Post('posts/:id/reports')
  @Roles(Role.ENTERPRISE)
  @ApiOperation({ summary: '举报供需信息（每人对每条信息只有一个待处理的举报）' })
  report(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() dto: MarketReportDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<MarketReportReceipt> {
    return this.posts.report(actor, id, dto.reason, meta);
  }

  @Post('posts/:id/contact-requests')
  @Roles(Role.ENTERPRISE)
  @ApiOperation({ summary: '发起对接申请（不能对本企业的信息；重复申请返回原申请；每 24 小时有次数上限）' })
  contact(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() dto: CreateContactRequestDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<ContactRequestView> {
    return this.contacts.create(actor, id, dto, meta);
  }
}
