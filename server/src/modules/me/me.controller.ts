import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MeResponse } from '@qsgj/shared/contracts';
import type { Actor } from '../../common/auth/actor';
import { AllowPendingPasswordChange, CurrentActor } from '../../common/auth/decorators';
import { MeService } from './me.service';

@ApiTags('me')
@ApiBearerAuth()
@Controller('api/v1/me')
export class MeController {
  constructor(private readonly me: MeService) {}

  @AllowPendingPasswordChange()
  @Get()
  @ApiOperation({ summary: '我的资料、绑定的企业与审核状态' })
  get(@CurrentActor() actor: Actor): Promise<MeResponse> {
    return this.me.get(actor);
  }
}
