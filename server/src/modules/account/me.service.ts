import { Inject, Injectable } from '@nestjs/common';
import type { MeResponse, UpdateMeDto } from '@qsgj/shared/contracts';
import { AuditAction, isStaffRole } from '@qsgj/shared/enums';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { fieldError, notFound } from '../../common/errors/app-exception';
import { Changes } from '../audit/changes';
import { EnterprisesService } from '../enterprises/enterprises.service';
import { toMeResponse } from '../users/users.mapper';
import { UsersService } from '../users/users.service';

export const CONSENT_OUTDATED_MESSAGE = '隐私政策已更新，请阅读最新版本后重新同意';

/** 我的: my profile and my privacy consent. (Binding, members and my butler: the enterprises module.) */
@Injectable()
export class MeService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly enterprises: EnterprisesService,
    private readonly changes: Changes,
  ) {}

  async get(actor: Actor): Promise<MeResponse> {
    // Both at once: the auth guard has read the user's role already.
    const [user, membership] = await Promise.all([
      this.users.findById(actor.id),
      isStaffRole(actor.role) ? null : this.enterprises.membershipOf(actor.id),
    ]);
    if (!user) throw notFound();
    return toMeResponse(user, membership, this.config.CONSENT_VERSION);
  }

  async update(actor: Actor, dto: UpdateMeDto): Promise<MeResponse> {
    await this.users.updateProfile(actor.id, { nickname: dto.nickname?.trim(), largeFont: dto.largeFont });
    return this.get(actor);
  }

  /** Agreement to the current privacy notice. Agreeing again to the same version changes nothing. */
  async consent(actor: Actor, version: string, meta: RequestMeta): Promise<MeResponse> {
    if (version !== this.config.CONSENT_VERSION) throw fieldError('version', CONSENT_OUTDATED_MESSAGE);
    const user = await this.users.findActiveById(actor.id);
    if (!user) throw notFound();
    if (user.consentVersion !== version) {
      await this.changes.run({ actor, meta }, async (change) => {
        await this.users.recordConsent(actor.id, version, new Date(), change.manager);
        await change.audit(AuditAction.CONSENT_GIVEN, { type: 'user', id: actor.id }, { version });
      });
    }
    return this.get(actor);
  }
}
