import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ContactRequestQueryDto,
  type ContactRequestView,
  MarketListingDto,
  type MarketPostCard,
  type MyMarketListing,
  type Page,
  PageQueryDto,
} from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { CurrentActor, ReqMeta, Roles } from '../../common/auth/decorators';
import { MarketContactsService } from './market-contacts.service';
import { MarketDirectoryService } from './market-directory.service';
import { MarketPostsService } from './market-posts.service';

/** 企业商圈 of my enterprise: its directory listing, its posts, and the contact requests in and out. */
@ApiTags('market')
@ApiBearerAuth()
@Controller('api/v1/me')
@Roles(Role.ENTERPRISE)
export class MyMarketController {
  constructor(
    private readonly directory: MarketDirectoryService,
    private readonly posts: MarketPostsService,
    private readonly contacts: MarketContactsService,
  ) {}

  @Get('enterprise/listing')
  @ApiOperation({ summary: '本企业在企业名录中的信息（企业管理员）' })
  listing(@CurrentActor() actor: Actor): Promise<MyMarketListing> {
    return this.directory.mine(actor);
  }

  @Put('enterprise/listing')
  @ApiOperation({ summary: '加入、修改或退出企业名录（企业管理员；visible 为 false 即从名录中移除）' })
  putListing(
    @CurrentActor() actor: Actor,
    @Body() dto: MarketListingDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<MyMarketListing> {
    return this.directory.put(actor, dto, meta);
  }

  @Get('market/posts')
  @ApiOperation({ summary: '本企业发布的供需信息（全部状态），最新的在前' })
  myPosts(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<Page<MarketPostCard>> {
    return this.posts.mine(actor, query);
  }

  @Get('market/contact-requests')
  @ApiOperation({ summary: '对接申请：收到的（本企业信息上的）或发出的；接受后才显示对方联系方式' })
  requests(@CurrentActor() actor: Actor, @Query() query: ContactRequestQueryDto): Promise<Page<ContactRequestView>> {
    return this.contacts.list(actor, query);
  }
}
