import { Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type FavoriteResponse,
  type MatchedPoliciesResponse,
  MatchedQueryDto,
  type Page,
  PageQueryDto,
  type PolicyDetail,
  type PolicyListItem,
  PolicyQueryDto,
  PolicySuggestQueryDto,
  type PolicySuggestResponse,
} from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import type { Actor } from '../../common/auth/actor';
import { CurrentActor, Public, PublicIdentified, Roles } from '../../common/auth/decorators';
import { UuidParam } from '../../common/uuid.pipe';
import { PoliciesService } from './policies.service';

/**
 * 涉企政策 for everyone: search and read published policies (a visitor too); an enterprise user's 为您匹配 and
 * favourites. Drafts and withdrawn policies answer 404 to all but staff. Static paths come before `:id`.
 */
@ApiTags('policies')
@ApiBearerAuth()
@Controller('api/v1/policies')
export class PoliciesController {
  constructor(private readonly policies: PoliciesService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: '政策检索：标题、文号、摘要、正文、解读包含全部关键词的政策；按类别、层级、行业、区域筛选' })
  list(@Query() query: PolicyQueryDto): Promise<Page<PolicyListItem>> {
    return this.policies.list(query);
  }

  @Get('suggestions')
  @Public()
  @ApiOperation({ summary: '搜索联想：包含输入内容的政策词与政策标题' })
  suggestions(@Query() query: PolicySuggestQueryDto): Promise<PolicySuggestResponse> {
    return this.policies.suggestions(query.q);
  }

  @Get('matched')
  @Roles(Role.ENTERPRISE)
  @ApiOperation({ summary: '为您匹配：本企业符合条件的现行政策（及只差一项条件的），附符合与尚缺的条件' })
  matched(@CurrentActor() actor: Actor, @Query() query: MatchedQueryDto): Promise<MatchedPoliciesResponse> {
    return this.policies.matched(actor, query);
  }

  @Get('favorites')
  @Roles(Role.ENTERPRISE)
  @ApiOperation({ summary: '我收藏的政策（已撤回的不再显示），最近收藏的在前' })
  favorites(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<Page<PolicyListItem>> {
    return this.policies.favorites(actor, query);
  }

  @Get(':id')
  @PublicIdentified()
  @ApiOperation({ summary: '政策详情（草稿与已撤回的仅工作人员可见）；企业用户另见收藏状态与匹配情况' })
  detail(@CurrentActor() actor: Actor | undefined, @UuidParam() id: string): Promise<PolicyDetail> {
    return this.policies.detail(actor, id);
  }

  @Post(':id/favorite')
  @HttpCode(200)
  @Roles(Role.ENTERPRISE)
  @ApiOperation({ summary: '收藏政策（重复收藏不报错）' })
  favorite(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<FavoriteResponse> {
    return this.policies.favorite(actor, id);
  }

  @Delete(':id/favorite')
  @Roles(Role.ENTERPRISE)
  @ApiOperation({ summary: '取消收藏（未收藏也不报错）' })
  unfavorite(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<FavoriteResponse> {
    return this.policies.unfavorite(actor, id);
  }
}
