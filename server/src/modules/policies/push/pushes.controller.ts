import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PolicyAudienceResponse, PushProgress } from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import { Roles } from '../../../common/auth/decorators';
import { UuidParam } from '../../../common/uuid.pipe';
import { PolicyPushService } from './policy-push.service';

/** The admin's view of policy pushes: who a publish would reach, and where a push is. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles(Role.ADMIN)
@Controller('api/v1/admin')
export class PushesController {
  constructor(private readonly pushes: PolicyPushService) {}

  @Get('pushes/:id')
  @ApiOperation({ summary: '政策推送进度：目标人数、已写入消息、已发送、跳过（未授权/拒收）、失败、排队中' })
  progress(@UuidParam() id: string): Promise<PushProgress> {
    return this.pushes.progress(id);
  }

  @Get('policies/:id/audience')
  @ApiOperation({ summary: '若现在发布，将推送给多少企业、多少用户（已收到过该政策的不再计入）' })
  audience(@UuidParam() id: string): Promise<PolicyAudienceResponse> {
    return this.pushes.audience(id);
  }
}
