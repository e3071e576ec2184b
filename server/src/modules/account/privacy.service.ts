import { Injectable } from '@nestjs/common';
import type { MyDataExport } from '@qsgj/shared/contracts';
import { AuditAction } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { notFound } from '../../common/errors/app-exception';
import { AuditService } from '../audit/audit.service';
import { Changes } from '../audit/changes';
import { SessionsService } from '../auth/sessions.service';
import { EnterprisesService } from '../enterprises/enterprises.service';
import { NotificationService } from '../notifications/notification.service';
import { UsersService } from '../users/users.service';
import { toMyDataExport } from './account.mapper';

/** PIPL: a user's copy of their data (art. 45) and deletion of their account (art. 47). */
@Injectable()
export class PrivacyService {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly enterprises: EnterprisesService,
    private readonly notifications: NotificationService,
    private readonly audit: AuditService,
    private readonly changes: Changes,
  ) {}

  async export(actor: Actor, meta: RequestMeta): Promise<MyDataExport> {
    const user = await this.users.findById(actor.id);
    if (!user) throw notFound();
    const [membership, sessions, auditRows, inbox] = await Promise.all([
      this.enterprises.membershipOf(actor.id),
      this.sessions.listForUser(actor.id),
      this.audit.rowsOfActor(actor.id),
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
   * An owner's enterprise passes to its longest-approved member, in this transaction (ADR 007).
   */
  async deleteAccount(actor: Actor, meta: RequestMeta): Promise<void> {
    await this.changes.run({ actor, meta }, async (change) => {
      const m = change.manager;
      await this.users.lockById(actor.id, m);
      const membership = await this.enterprises.removeMembershipOf(actor.id, change, 'account_deleted');
      await this.users.anonymise(actor.id, new Date(), m);
      await this.notifications.deleteAllOfUser(actor.id, m);
      await this.sessions.revokeAllForUser(actor.id, 'account_deleted', m);
      await change.audit(
        AuditAction.ACCOUNT_DELETED,
        { type: 'user', id: actor.id },
        membership
          ? { enterpriseId: membership.enterpriseId, memberRole: membership.role, memberStatus: membership.status }
          : { enterpriseId: null },
      );
    });
  }
}
