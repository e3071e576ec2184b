import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { BindEnterpriseDto, MeResponse, MyButlerResponse, UpdateMeDto } from '@qsgj/shared/contracts';
import { AuditAction, isStaffRole, MembershipStatus } from '@qsgj/shared/enums';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { AuditService } from '../../common/audit/audit.service';
import { AppException, notFound } from '../../common/errors/app-exception';
import { EnterpriseBindingService } from '../enterprises/enterprise-binding.service';
import { EnterprisesRepository } from '../enterprises/enterprises.repository';
import { UsersRepository } from '../users/users.repository';
import { toMeResponse, toMyButler } from './me.mapper';

export const CONSENT_OUTDATED_MESSAGE = '隐私政策已更新，请阅读最新版本后重新同意';

/** 我的: profile, privacy consent, enterprise binding, my butler. */
@Injectable()
export class MeService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly enterprises: EnterprisesRepository,
    private readonly binding: EnterpriseBindingService,
    private readonly audit: AuditService,
  ) {}

  async get(actor: Actor): Promise<MeResponse> {
    const user = await this.users.findById(actor.id);
    if (!user) throw notFound();
    const membership = isStaffRole(user.role) ? null : await this.enterprises.findMembershipOfUser(user.id);
    return toMeResponse(user, membership, this.config.CONSENT_VERSION);
  }

  async update(actor: Actor, dto: UpdateMeDto): Promise<MeResponse> {
    await this.users.updateProfile(actor.id, { nickname: dto.nickname?.trim(), largeFont: dto.largeFont });
    return this.get(actor);
  }

  /** Agreement to the current privacy notice. Agreeing again to the same version changes nothing. */
  async consent(actor: Actor, version: string, meta: RequestMeta): Promise<MeResponse> {
    if (version !== this.config.CONSENT_VERSION) {
      throw new AppException(
        'VALIDATION_FAILED',
        [{ field: 'version', message: CONSENT_OUTDATED_MESSAGE }],
        undefined,
        CONSENT_OUTDATED_MESSAGE,
      );
    }
    const user = await this.users.findActiveById(actor.id);
    if (!user) throw notFound();
    if (user.consentVersion !== version) {
      await this.dataSource.transaction(async (m) => {
        await this.users.recordConsent(actor.id, version, new Date(), m);
        await this.audit.record(
          {
            action: AuditAction.CONSENT_GIVEN,
            actor,
            targetType: 'user',
            targetId: actor.id,
            ...meta,
            details: { version },
          },
          m,
        );
      });
    }
    return this.get(actor);
  }

  async bindEnterprise(actor: Actor, dto: BindEnterpriseDto, meta: RequestMeta): Promise<MeResponse> {
    await this.binding.bind(actor, dto, meta);
    return this.get(actor);
  }

  /** The butler assigned to my approved enterprise; the phone stays masked. */
  async butler(actor: Actor): Promise<MyButlerResponse> {
    const membership = await this.enterprises.findMembershipOfUser(actor.id);
    if (membership?.status !== MembershipStatus.APPROVED) throw new AppException('ENTERPRISE_NOT_BOUND');
    const butlerId = membership.enterprise.butlerId;
    const butler = butlerId ? await this.users.findById(butlerId) : null;
    if (!butler || !isStaffRole(butler.role) || !butler.active || butler.deletedAt)
      throw new AppException('NO_BUTLER_ASSIGNED');
    return toMyButler(butler);
  }
}
