import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type FaqCaseSource,
  FaqDeflectionQueryDto,
  type FaqDeflections,
  FaqInputDto,
  type Page,
  type StaffFaqItem,
  StaffFaqQueryDto,
  UpdateFaqDto,
} from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { CurrentActor, ReqMeta, Roles } from '../../common/auth/decorators';
import { UuidParam } from '../../common/uuid.pipe';
import { FaqService } from './faq.service';

/**
 * The workbench's 常见问题: every staff member writes and edits drafts; a supervisor or admin who neither wrote nor
 * last edited an entry publishes it (four eyes) or withdraws it. Every change audited.
 */
@ApiTags('staff')
@ApiBearerAuth()
@Roles(Role.BUTLER, Role.SUPERVISOR, Role.ADMIN)
@Controller('api/v1/staff/faq')
export class StaffFaqController {
  constructor(private readonly faq: FaqService) {}

  @Get()
  @ApiOperation({ summary: '常见问题（工作台）：全部或某一状态，最近修改的在前' })
  list(@CurrentActor() actor: Actor, @Query() query: StaffFaqQueryDto): Promise<Page<StaffFaqItem>> {
    return this.faq.staffList(actor, query);
  }

  @Post()
  @ApiOperation({ summary: '新建常见问题草稿（可来自已办结的咨询；不得含企业名称、信用代码或电话）' })
  create(@CurrentActor() actor: Actor, @Body() dto: FaqInputDto, @ReqMeta() meta: RequestMeta): Promise<StaffFaqItem> {
    return this.faq.create(actor, dto, meta);
  }

  @Get('deflections')
  @ApiOperation({ summary: '推荐的效果：打开过推荐的咨询表单数，其中 24 小时内提交与未提交咨询的数量' })
  deflections(@Query() query: FaqDeflectionQueryDto): Promise<FaqDeflections> {
    return this.faq.deflections(query);
  }

  @Get('case-source/:caseId')
  @ApiOperation({ summary: '从已办结的咨询预填常见问题（咨询内容与最后一条管家回复）' })
  caseSource(@CurrentActor() actor: Actor, @UuidParam('caseId') caseId: string): Promise<FaqCaseSource> {
    return this.faq.caseSource(actor, caseId);
  }

  @Get(':id')
  @ApiOperation({ summary: '常见问题条目（任何状态，用于编辑与审核）' })
  detail(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<StaffFaqItem> {
    return this.faq.staffDetail(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: '修改常见问题（已发布的修改后回到待审核）' })
  update(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() dto: UpdateFaqDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<StaffFaqItem> {
    return this.faq.update(actor, id, dto, meta);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Roles(Role.SUPERVISOR, Role.ADMIN)
  @ApiOperation({ summary: '审核并发布（须由撰写人与最后修改人以外的主管或管理员）' })
  publish(@CurrentActor() actor: Actor, @UuidParam() id: string, @ReqMeta() meta: RequestMeta): Promise<StaffFaqItem> {
    return this.faq.publish(actor, id, meta);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles(Role.SUPERVISOR, Role.ADMIN)
  @ApiOperation({ summary: '撤回常见问题（撤回后仅工作人员可见）' })
  withdraw(@CurrentActor() actor: Actor, @UuidParam() id: string, @ReqMeta() meta: RequestMeta): Promise<StaffFaqItem> {
    return this.faq.withdraw(actor, id, meta);
  }
}
