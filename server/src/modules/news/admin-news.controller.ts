import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type AdminNewsDetail,
  type AdminNewsItem,
  AdminNewsQueryDto,
  NewsInputDto,
  type Page,
  PublishNewsDto,
  UpdateNewsDto,
} from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { CurrentActor, ReqMeta, Roles } from '../../common/auth/decorators';
import { UuidParam } from '../../common/uuid.pipe';
import { AdminNewsService } from './admin-news.service';

/** The workbench's 营商动态 (admins only): list, edit, preview, publish now or scheduled, withdraw. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.ADMIN)
@Controller('api/v1/admin/news')
export class AdminNewsController {
  constructor(private readonly news: AdminNewsService) {}

  @Get()
  @ApiOperation({ summary: '营商动态：全部状态，最近修改的在前；可按状态筛选' })
  list(@Query() query: AdminNewsQueryDto): Promise<Page<AdminNewsItem>> {
    return this.news.list(query);
  }

  @Post()
  @ApiOperation({ summary: '新建文章（草稿）' })
  create(
    @CurrentActor() actor: Actor,
    @Body() dto: NewsInputDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<AdminNewsDetail> {
    return this.news.create(actor, dto, meta);
  }

  @Get(':id')
  @ApiOperation({ summary: '文章详情（任何状态，用于编辑与预览）' })
  detail(@UuidParam() id: string): Promise<AdminNewsDetail> {
    return this.news.detail(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: '修改文章（状态不变）' })
  update(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() dto: UpdateNewsDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<AdminNewsDetail> {
    return this.news.update(actor, id, dto, meta);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @ApiOperation({ summary: '发布文章：立即发布，或填 publishAt 定时发布（到时间前公众不可见）' })
  publish(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() dto: PublishNewsDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<AdminNewsDetail> {
    return this.news.publish(actor, id, dto, meta);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: '撤回文章（撤回后仅工作人员可见）' })
  withdraw(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @ReqMeta() meta: RequestMeta,
  ): Promise<AdminNewsDetail> {
    return this.news.withdraw(actor, id, meta);
  }
}
