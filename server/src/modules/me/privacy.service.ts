import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { MyDataExport } from '@qsgj/shared/contracts';
import { AuditAction } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { AuditService } from '../../common/audit/audit.service';
import { notFound } from '../../common/errors/app-exception';
import { SessionsRepository } from '../auth/sessions.repository';
import { EnterprisesRepository } from '../enterprises/enterprises.repository';
import { NotificationsRepository } from '../notifications/notifications.repository';
import { UsersRepository } from '../users/users.repository';
import { toMyDataExport } from './me.mapper';
import { PrivacyRepository } from './privacy.repository';

/** PIPL: a user's copy of their data (art. 45) and deletion of their account (art. 47). */
@Injectable()
export class PrivacyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly enterprises: EnterprisesRepository,
    private readonly privacy: PrivacyRepository,
    private readonly notifications: NotificationsRepository,
    private readonly audit: AuditService,
  ) {}

  async export(actor: Actor, meta: RequestMeta): Promise<MyDataExport> {
    const user = await this.users.findById(actor.id);
    if (!user) throw notFound();
    const [membership, sessions, auditRows, inbox] = await Promise.all([
      this.enterprises.findMembershipOfUser(actor.id),
      this.sessions.listForUser(actor.id),
      this.privacy.auditRowsOfActor(actor.id),
      this.notifications.allOfUser(actor.id),
    ]);
    const data = toMyDataExport({ user, membership, sessions, auditRows, inbox, at: new Date() });
    await this.audit.record({
      action: AuditAction.DATA_EXPORTED,
      actor,
      targetType: 'user',
      targetId: actor.id,
      ...meta,
    });
    return data;
  }

  /**
   * Deletes the account: nickname, phone and WeChat identifiers are erased, the membership goes, every
   * session ends, the inbox and subscribe-message permissions are deleted. The row stays (anonymous) so audit rows and statistics keep pointing somewhere.
   * An owner's enterprise is left without an owner: ownership is not handed to anyone automatically.
   */
  async deleteAccount(actor: Actor, meta: RequestMeta): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await this.users.lockById(actor.id, m);
      const membership = await this.enterprises.findMembershipOfUserIn(actor.id, m);
      if (membership) await this.enterprises.deleteMembership(membership.id, m);
      await this.users.anonymise(actor.id, new Date(), m);
      await this.notifications.deleteAllOfUser(actor.id, m);
      await this.sessions.revokeAllForUser(actor.id, 'account_deleted', m);
      await this.audit.record(
        {
          action: AuditAction.ACCOUNT_DELETED,
          actor,
          targetType: 'user',
          targetId: actor.id,
          ...meta,
          details: membership
            ? { enterpriseId: membership.enterpriseId, memberRole: membership.role, memberStatus: membership.status }
            : { enterpriseId: null },
        },
        m,
      );
    });
  }
}
