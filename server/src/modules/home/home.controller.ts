import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HomeFeed } from '@qsgj/shared/contracts';
import type { Actor } from '../../common/auth/actor';
import { CurrentActor, PublicIdentified } from '../../common/auth/decorators';
import { HomeService } from './home.service';

/** The home page's feed: public for everyone, with my enterprise's part for an approved member. */
@ApiTags('home')
@ApiBearerAuth()
@Controller('api/v1/home')
export class HomeController {
  constructor(private readonly home: HomeService) {}

  @Get()
  @PublicIdentified()
  @ApiOperation({
    summary: '首页动态：最新营商动态、潭商讲堂；已绑定企业另见为您匹配的政策与办理中的诉求（含预计答复时间）',
  })
  feed(@CurrentActor() actor: Actor | undefined): Promise<HomeFeed> {
    return this.home.feed(actor);
  }
}
