import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DictionaryResponse } from '@qsgj/shared/contracts';
import type { DictionaryKind } from '@qsgj/shared/enums';
import { Public } from '../../common/auth/decorators';
import { DictionariesService } from './dictionaries.service';
import { KindParam } from './dictionary-params';

/** The dictionaries anyone may read: what pickers and filters offer. */
@ApiTags('dictionaries')
@Public()
@Controller('api/v1/dictionaries')
export class DictionariesController {
  constructor(private readonly dictionaries: DictionariesService) {}

  @Get(':kind')
  @ApiOperation({ summary: '字典（政策类别、行业、区域、企业资质）：启用的条目，按排序' })
  list(@KindParam() kind: DictionaryKind): Promise<DictionaryResponse> {
    return this.dictionaries.publicList(kind);
  }
}
