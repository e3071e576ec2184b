import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type FaqDetail,
  type FaqListItem,
  FaqQueryDto,
  FaqSuggestionOpenDto,
  type FaqSuggestions,
  FaqSuggestQueryDto,
  type Page,
} from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import type { Actor } from '../../common/auth/actor';
import { CurrentActor, Public, PublicIdentified, Roles } from '../../common/auth/decorators';
import { UuidParam } from '../../common/uuid.pipe';
import { FaqService } from './faq.service';

/** 常见问题 for everyone (published entries), and the consultation form's suggestions. Static paths before `:id`. */
@ApiTags('faq')
@ApiBearerAuth()
@Controller('api/v1/faq')
export class FaqController {
  constructor(private readonly faq: FaqService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: '常见问题：已发布的条目，可检索（问题或解答包含全部关键词）、按类别筛选，最新发布的在前' })
  list(@Query() query: FaqQueryDto): Promise<Page<FaqListItem>> {
    return this.faq.list(query);
  }

  @Get('suggestions')
  @Public()
  @ApiOperation({ summary: '咨询表单的推荐：与输入内容相关的常见问题与现行政策（各最多 3 条），附高亮' })
  suggestions(@Query() query: FaqSuggestQueryDto): Promise<FaqSuggestions> {
    return this.faq.suggestions(query.q);
  }

  @Post('suggestion-opens')
  @HttpCode(204)
  @Roles(Role.ENTERPRISE)
  @ApiOperation({ summary: '记录企业用户在填写咨询时打开了一条推荐（按表单会话计，用于统计未提交的咨询）' })
  async suggestionOpen(@CurrentActor() actor: Actor, @Body() dto: FaqSuggestionOpenDto): Promise<void> {
    await this.faq.recordOpen(actor, dto);
  }

  @Get(':id')
  @PublicIdentified()
  @ApiOperation({ summary: '常见问题详情与关联政策（未发布的仅工作人员可见）' })
  detail(@CurrentActor() actor: Actor | undefined, @UuidParam() id: string): Promise<FaqDetail> {
    return this.faq.detail(actor, id);
  }
}
