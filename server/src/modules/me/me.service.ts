import { Inject, Injectable } from '@nestjs/common';
import type { MeResponse } from '@qsgj/shared/contracts';
import { isStaffRole } from '@qsgj/shared/enums';
import { maskPhone } from '@qsgj/shared/rules';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { Actor } from '../../common/auth/actor';
import { notFound } from '../../common/errors/app-exception';
import { UsersRepository } from '../users/users.repository';

@Injectable()
export class MeService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersRepository,
  ) {}

  async get(actor: Actor): Promise<MeResponse> {
    const user = await this.users.findById(actor.id);
    if (!user) throw notFound();
    return {
      id: user.id,
      role: user.role,
      nickname: user.nickname ?? user.name,
      phone: maskPhone(user.phone),
      largeFont: user.largeFont,
      consentVersion: user.consentVersion,
      consentRequired: !isStaffRole(user.role) && user.consentVersion !== this.config.CONSENT_VERSION,
      membership: null,
      department: user.department ? { id: user.department.id, name: user.department.name } : null,
      mustChangePassword: user.mustChangePassword,
    };
  }
}
