import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { LedgerQueryDto, type LedgerResponse, type PublicStatsResponse } from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { CurrentActor, Public, ReqMeta, Roles } from '../../common/auth/decorators';
import { type LedgerFile, StatsService } from './stats.service';

function send(reply: FastifyReply, file: LedgerFile): Buffer {
  reply
    .header('content-type', file.contentType)
    .header('content-disposition', file.disposition)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff');
  return file.body;
}

/** 工作台账 for staff (within their scope), its exports, and the public figures (服务公开). */
@ApiTags('stats')
@Controller('api/v1/stats')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  @Get('ledger')
  @ApiBearerAuth()
  @Roles(Role.BUTLER, Role.SUPERVISOR, Role.ADMIN)
  @ApiOperation({ summary: '工作台账：受理、办结、超期、响应率、解决率、满意率，按部门/管家/类型/来源/周' })
  ledger(@CurrentActor() actor: Actor, @Query() query: LedgerQueryDto): Promise<LedgerResponse> {
    return this.stats.ledger(actor, query);
  }

  @Get('ledger.xlsx')
  @ApiBearerAuth()
  @Roles(Role.BUTLER, Role.SUPERVISOR, Role.ADMIN)
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: '导出工作台账（Excel，每个维度一张表）' })
  async xlsx(
    @CurrentActor() actor: Actor,
    @Query() query: LedgerQueryDto,
    @ReqMeta() meta: RequestMeta,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return send(reply, await this.stats.ledgerFile(actor, query, 'xlsx', meta));
  }

  @Get('ledger.csv')
  @ApiBearerAuth()
  @Roles(Role.BUTLER, Role.SUPERVISOR, Role.ADMIN)
  @ApiProduces('text/csv')
  @ApiOperation({ summary: '导出工作台账（CSV，UTF-8 BOM）' })
  async csv(
    @CurrentActor() actor: Actor,
    @Query() query: LedgerQueryDto,
    @ReqMeta() meta: RequestMeta,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return send(reply, await this.stats.ledgerFile(actor, query, 'csv', meta));
  }

  @Get('public')
  @Public()
  @Header('Cache-Control', 'public, max-age=30')
  @ApiOperation({ summary: '服务公开：全市及各部门受理、办结、长期推进件数与满意率（不含任何个人信息）' })
  publicStats(): Promise<PublicStatsResponse> {
    return this.stats.publicStats();
  }
}
