import { Controller, Get, Query, type StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type NewsCard, type NewsDetail, NewsQueryDto, type Page } from '@qsgj/shared/contracts';
import type { Actor } from '../../common/auth/actor';
import { CurrentActor, Public, PublicIdentified } from '../../common/auth/decorators';
import { UuidParam } from '../../common/uuid.pipe';
import { fileResponse, ServesFile } from '../files/file-response';
import { NewsService } from './news.service';

/**
 * 营商动态 for everyone (a visitor too): the list and an article. Drafts, withdrawn articles and those scheduled
 * for later answer 404 to all but staff.
 */
@ApiTags('news')
@ApiBearerAuth()
@Controller('api/v1/news')
export class NewsController {
  constructor(private readonly news: NewsService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: '营商动态列表：已发布的文章，置顶的在前，其余最新的在前' })
  list(@Query() query: NewsQueryDto): Promise<Page<NewsCard>> {
    return this.news.list(query);
  }

  @Get(':id')
  @PublicIdentified()
  @ApiOperation({ summary: '文章详情（每次阅读计入浏览量；草稿、已撤回与未到发布时间的仅工作人员可见，且不计浏览）' })
  detail(@CurrentActor() actor: Actor | undefined, @UuidParam() id: string): Promise<NewsDetail> {
    return this.news.detail(actor, id);
  }

  @Get(':id/images/:fileId')
  @PublicIdentified()
  @ServesFile('文章的封面图片（文章可见时可见）')
  @ApiOperation({ summary: '文章的封面图片' })
  async image(
    @CurrentActor() actor: Actor | undefined,
    @UuidParam() id: string,
    @UuidParam('fileId') fileId: string,
  ): Promise<StreamableFile> {
    return fileResponse(await this.news.openImage(actor, id, fileId));
  }
}
