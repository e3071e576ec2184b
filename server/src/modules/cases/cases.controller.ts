import { Body, Controller, Get, HttpCode, Post, Query, type StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type CaseCountsResponse,
  type CaseDetail,
  type CaseDetailStaff,
  CaseListQueryDto,
  CaseMessageDto,
  CaseNoteDto,
  type CaseOptionsResponse,
  type CaseSummary,
  CaseTransitionDto,
  CreateCaseDto,
  type Page,
  RecordCaseDto,
} from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { CurrentActor, ReqMeta, Roles } from '../../common/auth/decorators';
import { RequireIdempotencyKey } from '../../common/idempotency/idempotency.interceptor';
import { UuidParam } from '../../common/uuid.pipe';
import { fileResponse, ServesFile } from '../files/file-response';
import { CaseConversationService } from './case-conversation.service';
import { CaseReadsService } from './case-reads.service';
import { CaseTransitionsService } from './case-transitions.service';
import { CasesService } from './cases.service';

type AnyCaseDetail = CaseDetail | CaseDetailStaff;

/** Cases (诉求), both sides: the enterprise's 我的诉求 and the staff workbench. Scope is each service's policy. */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1/cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly reads: CaseReadsService,
    private readonly transitions: CaseTransitionsService,
    private readonly conversation: CaseConversationService,
  ) {}

  @Post()
  @Roles(Role.ENTERPRISE)
  @RequireIdempotencyKey()
  @ApiOperation({ summary: '企业提交咨询或投诉（须带 Idempotency-Key；须为已审核通过的企业成员）' })
  submit(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateCaseDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<AnyCaseDetail> {
    return this.cases.submit(actor, dto, meta);
  }

  @Get()
  @ApiOperation({ summary: '诉求列表：企业看本企业的，工作人员看职责范围内的（筛选只能缩小范围，游标分页）' })
  list(@CurrentActor() actor: Actor, @Query() query: CaseListQueryDto): Promise<Page<CaseSummary>> {
    return this.reads.list(actor, query);
  }

  @Get('counts')
  @ApiOperation({ summary: '各筛选下的诉求数量（工作队列的角标；企业端“待评价”数）' })
  counts(@CurrentActor() actor: Actor): Promise<CaseCountsResponse> {
    return this.reads.counts(actor);
  }

  @Get('options')
  @Roles(Role.BUTLER, Role.SUPERVISOR, Role.ADMIN)
  @ApiOperation({ summary: '办理选项：可转办的部门与可指派的管家' })
  options(): Promise<CaseOptionsResponse> {
    return this.reads.options();
  }

  @Post('record')
  @Roles(Role.BUTLER, Role.SUPERVISOR, Role.ADMIN)
  @ApiOperation({ summary: '工作人员代企业登记诉求（企业接待日、12345热线、企业家群、走访）' })
  record(
    @CurrentActor() actor: Actor,
    @Body() dto: RecordCaseDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<AnyCaseDetail> {
    return this.cases.record(actor, dto, meta);
  }

  @Get(':id')
  @ApiOperation({ summary: '诉求详情（企业视图不含内部备注）及当前可执行的操作' })
  detail(@CurrentActor() actor: Actor, @UuidParam() id: string, @ReqMeta() meta: RequestMeta): Promise<AnyCaseDetail> {
    return this.reads.detail(actor, id, meta);
  }

  @Get(':id/images/:fileId')
  @ServesFile('诉求的图片（仅可查看该诉求的人可见）')
  @ApiOperation({ summary: '查看诉求的图片' })
  async image(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @UuidParam('fileId') fileId: string,
  ): Promise<StreamableFile> {
    return fileResponse(await this.reads.openImage(actor, id, fileId));
  }

  @Post(':id/messages')
  @ApiOperation({ summary: '在诉求下留言（企业与工作人员）' })
  message(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() dto: CaseMessageDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<AnyCaseDetail> {
    return this.conversation.message(actor, id, dto, meta);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @ApiOperation({ summary: '办理诉求：受理、转办、补充材料、延期、办结等（不允许的操作答 409）' })
  transition(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() dto: CaseTransitionDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<AnyCaseDetail> {
    return this.transitions.transition(actor, id, dto, meta);
  }

  @Post(':id/notes')
  @Roles(Role.BUTLER, Role.SUPERVISOR, Role.ADMIN)
  @ApiOperation({ summary: '内部备注（仅工作人员可见）' })
  note(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() dto: CaseNoteDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<AnyCaseDetail> {
    return this.conversation.note(actor, id, dto, meta);
  }
}
