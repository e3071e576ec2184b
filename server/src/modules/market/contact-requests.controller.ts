import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ContactRequestView } from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { CurrentActor, ReqMeta, Roles } from '../../common/auth/decorators';
import { UuidParam } from '../../common/uuid.pipe';
import { MarketContactsService } from './market-contacts.service';

/** One 对接 request, for its two sides only (anyone else: 404). */
@ApiTags('market')
@ApiBearerAuth()
@Controller('api/v1/contact-requests')
@Roles(Role.ENTERPRISE)
export class ContactRequestsController {
  constructor(private readonly contacts: MarketContactsService) {}

  @Get(':id')
  @ApiOperation({ summary: '对接申请详情（申请人与信息发布方可见；接受后显示对方联系方式）' })
  get(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<ContactRequestView> {
    return this.contacts.get(actor, id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: '接受对接申请：双方可查看彼此的联系方式，并收到通知' })
  accept(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @ReqMeta() meta: RequestMeta,
  ): Promise<ContactRequestView> {
    return this.contacts.decide(actor, id, true, meta);
  }

  @Post(':id/decline')
  @HttpCode(200)
  @ApiOperation({ summary: '婉拒对接申请：双方的联系方式均不透露，双方收到通知' })
  decline(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @ReqMeta() meta: RequestMeta,
  ): Promise<ContactRequestView> {
    return this.contacts.decide(actor, id, false, meta);
  }
}
