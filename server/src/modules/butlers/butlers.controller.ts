import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type ButlerFilterOptions, type ButlerItem, ButlerQueryDto, type Page } from '@qsgj/shared/contracts';
import type { Actor } from '../../common/auth/actor';
import { CurrentActor, PublicIdentified } from '../../common/auth/decorators';
import { UuidParam } from '../../common/uuid.pipe';
import { ButlersService } from './butlers.service';

/** 管家团队 for everyone; a member of an enterprise a butler serves sees that butler's phone in full. */
@ApiTags('butlers')
@ApiBearerAuth()
@PublicIdentified()
@Controller('api/v1/butlers')
export class ButlersController {
  constructor(private readonly butlers: ButlersService) {}

  @Get()
  @ApiOperation({ summary: '管家团队：在岗的亲商管家，按部门、专长筛选；服务数与满意度来自工作台账' })
  list(@CurrentActor() actor: Actor | undefined, @Query() query: ButlerQueryDto): Promise<Page<ButlerItem>> {
    return this.butlers.list(actor, query);
  }

  @Get('filters')
  @ApiOperation({ summary: '管家团队的筛选项：有在岗管家的部门、管家的专长（各附人数）' })
  filters(): Promise<ButlerFilterOptions> {
    return this.butlers.filters();
  }

  @Get(':id')
  @ApiOperation({ summary: '管家详情（电话仅对其服务企业的成员完整显示）' })
  detail(@CurrentActor() actor: Actor | undefined, @UuidParam() id: string): Promise<ButlerItem> {
    return this.butlers.detail(actor, id);
  }
}
