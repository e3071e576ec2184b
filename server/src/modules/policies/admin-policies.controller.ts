import { Body, Controller, Get, HttpCode, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import {
  type AdminPolicyItem,
  AdminPolicyQueryDto,
  type Page,
  type PolicyDetail,
  PolicyImportQueryDto,
  type PolicyImportReport,
  PolicyInputDto,
  type PolicyPublishResponse,
  UpdatePolicyDto,
} from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { CurrentActor, ReqMeta, Roles } from '../../common/auth/decorators';
import { UuidParam } from '../../common/uuid.pipe';
import { AdminPoliciesService } from './admin-policies.service';
import { PolicyImportService } from './policy-import.service';

/** The workbench's policy library (admins only): list, edit, preview, publish, withdraw, import. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.ADMIN)
@Controller('api/v1/admin/policies')
export class AdminPoliciesController {
  constructor(
    private readonly policies: AdminPoliciesService,
    private readonly imports: PolicyImportService,
  ) {}

  @Get()
  @ApiOperation({ summary: '政策库：全部状态，最近修改的在前；可检索、按状态筛选' })
  list(@Query() query: AdminPolicyQueryDto): Promise<Page<AdminPolicyItem>> {
    return this.policies.list(query);
  }

  @Post()
  @ApiOperation({ summary: '新建政策（草稿）' })
  create(
    @CurrentActor() actor: Actor,
    @Body() dto: PolicyInputDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<PolicyDetail> {
    return this.policies.create(actor, dto, meta);
  }

  @Post('import')
  @HttpCode(200)
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({
    description: 'JSON `{ rows: [...] }`（每行字段同新建政策），或上传 .xlsx（multipart 字段 file，第一行为表头）',
    schema: {
      type: 'object',
      properties: { rows: { type: 'array', items: { type: 'object' } }, file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiOperation({
    summary: '批量导入政策（JSON 或 .xlsx）：文号已存在的更新；逐行校验，不合格的行列出原因，其余照常导入',
  })
  import(
    @CurrentActor() actor: Actor,
    @Req() req: FastifyRequest,
    @Body() body: unknown,
    @Query() query: PolicyImportQueryDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<PolicyImportReport> {
    return this.imports.import(actor, req, body, query, meta);
  }

  @Get(':id')
  @ApiOperation({ summary: '政策详情（任何状态，用于编辑与预览）' })
  detail(@UuidParam() id: string): Promise<PolicyDetail> {
    return this.policies.detail(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: '修改政策（已发布的仍为已发布，不再次推送）' })
  update(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() dto: UpdatePolicyDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<PolicyDetail> {
    return this.policies.update(actor, id, dto, meta);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @ApiOperation({ summary: '发布政策并推送给订阅或匹配的企业（重复发布不会重复推送）' })
  publish(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @ReqMeta() meta: RequestMeta,
  ): Promise<PolicyPublishResponse> {
    return this.policies.publish(actor, id, meta);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: '撤回政策（撤回后仅工作人员可见）' })
  withdraw(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @ReqMeta() meta: RequestMeta,
  ): Promise<PolicyPublishResponse> {
    return this.policies.withdraw(actor, id, meta);
  }
}
