import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateDictionaryEntryDto,
  type DictionaryEntry,
  type DictionaryResponse,
  UpdateDictionaryEntryDto,
} from '@qsgj/shared/contracts';
import { type DictionaryKind, Role } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { CurrentActor, ReqMeta, Roles } from '../../common/auth/decorators';
import { DictionariesService } from './dictionaries.service';
import { EntryIdParam, KindParam } from './dictionary-params';

/** Admins only: the global AuthGuard answers 401 without a token, 403 (audited) to other roles. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.ADMIN)
@Controller('api/v1/admin/dictionaries')
export class AdminDictionariesController {
  constructor(private readonly dictionaries: DictionariesService) {}

  @Get(':kind')
  @ApiOperation({ summary: '字典的全部条目（含停用）' })
  list(@KindParam() kind: DictionaryKind): Promise<DictionaryResponse> {
    return this.dictionaries.adminList(kind);
  }

  @Post(':kind')
  @ApiOperation({ summary: '新增字典条目（同一字典内不可重复）' })
  create(
    @CurrentActor() actor: Actor,
    @KindParam() kind: DictionaryKind,
    @Body() dto: CreateDictionaryEntryDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<DictionaryEntry> {
    return this.dictionaries.create(actor, kind, dto, meta);
  }

  @Patch(':kind/:id')
  @ApiOperation({ summary: '修改字典条目：改名（同步改写政策、企业档案、订阅中的取值）、排序、启用或停用' })
  update(
    @CurrentActor() actor: Actor,
    @KindParam() kind: DictionaryKind,
    @EntryIdParam() id: number,
    @Body() dto: UpdateDictionaryEntryDto,
    @ReqMeta() meta: RequestMeta,
  ): Promise<DictionaryEntry> {
    return this.dictionaries.update(actor, kind, id, dto, meta);
  }
}
