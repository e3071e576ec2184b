import { Inject, Injectable } from '@nestjs/common';
import type { BindEnterpriseDto, MeResponse } from '@qsgj/shared/contracts';
import { AuditAction, MemberRole, MembershipStatus } from '@qsgj/shared/enums';
import { normalizeCreditCode } from '@qsgj/shared/rules';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { AppException, notFound } from '../../common/errors/app-exception';
import { Changes } from '../audit/changes';
import { NotificationService } from '../notifications/notification.service';
import { toMeResponse } from '../users/users.mapper';
import { UsersService } from '../users/users.service';
import { WechatClient } from '../wechat/wechat.client';
import { WECHAT_ERR, WechatError } from '../wechat/wechat.errors';
import { claimAwaitsButlerNotice, joinRequestedNotice } from './enterprise-notices';
import { ClaimReason, claimOwnership } from './enterprise-ownership';
import type { EnterpriseMemberEntity } from './enterprise-member.entity';
import { EnterpriseMembersRepository } from './enterprise-members.repository';
import { EnterprisesRepository } from './enterprises.repository';

/** A membership that blocks binding again: pending or approved (a rejected one may re-apply). */
function holdsBinding(m: Pick<EnterpriseMemberEntity, 'status'> | null): boolean {
  return m !== null && m.status !== MembershipStatus.REJECTED;
}

export interface BindOutcome {
  enterpriseId: string;
  role: MemberRole;
  status: MembershipStatus;
}

/**
 * An enterprise user binds to an enterprise by its 统一社会信用代码 (ADR 007). The first binder of a
 * code nobody holds becomes its owner; the first binder of an enterprise the city has on record owns it
 * only with a WeChat-verified phone equal to the contact phone on record (otherwise the butler confirms);
 * binding an enterprise anyone is bound to always waits for the owner (or staff) to approve.
 */
@Injectable()
export class EnterpriseBindingService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly enterprises: EnterprisesRepository,
    private readonly members: EnterpriseMembersRepository,
    private readonly users: UsersService,
    private readonly wechat: WechatClient,
    private readonly changes: Changes,
    private readonly notifications: NotificationService,
  ) {}

  /** Binds, then answers with the user as `GET /me` shows them (phone and membership changed). */
  async bindAndDescribe(actor: Actor, dto: BindEnterpriseDto, meta: RequestMeta): Promise<MeResponse> {
    await this.bind(actor, dto, meta);
    const [user, membership] = await Promise.all([
      this.users.findById(actor.id),
      this.members.findMembershipOfUser(actor.id),
    ]);
    if (!user) throw notFound();
    return toMeResponse(user, membership, this.config.CONSENT_VERSION);
  }

  async bind(actor: Actor, dto: BindEnterpriseDto, meta: RequestMeta): Promise<BindOutcome> {
    const creditCode = normalizeCreditCode(dto.creditCode);
    const name = dto.name.trim();
    const contactName = dto.contactName.trim();
    // Checked before WeChat so an already-bound user does not spend their one-time phone code;
    // checked again under the lock below, which is what makes it true.
    if (holdsBinding(await this.members.findMembershipOfUser(actor.id)))
      throw new AppException('ENTERPRISE_ALREADY_BOUND');
    // WeChat first, outside the transaction: when it fails, nothing is written.
    const phone = dto.phoneCode ? await this.exchangePhoneCode(dto.phoneCode) : null;

    return this.changes.run({ actor, meta }, async (change) => {
      const m = change.manager;
      await this.users.lockById(actor.id, m);
      const previous = await this.members.findMembershipOfUserIn(actor.id, m);
      if (holdsBinding(previous)) throw new AppException('ENTERPRISE_ALREADY_BOUND');

      // An existing enterprise keeps its registered name, whatever name was submitted.
      const found = await this.enterprises.findOrCreateByCreditCode(creditCode, name, m);
      const created = found.created;
      // Locked: nobody joins, leaves or is decided on this enterprise until this binding commits.
      const enterprise = await this.enterprises.findAndLock(found.enterprise.id, m);
      if (!enterprise) throw notFound();
      if (previous) await this.members.deleteMembership(previous.id, m);

      // The phone WeChat verified: from this request, or from an earlier exchange (users.phone is only ever WeChat's).
      const verifiedPhone = phone ?? (await this.users.findById(actor.id, m))?.phone ?? null;
      const claim = claimOwnership(enterprise, await this.members.hasMembers(enterprise.id, m), verifiedPhone);
      const membership = { enterpriseId: enterprise.id, userId: actor.id, contactName };
      // The partial unique index stays the arbiter (ADR 005): an owner already approved means no insert.
      const owner = claim.owner && (await this.members.addOwnerIfNone(membership, new Date(), m));
      if (!owner) {
        await this.members.addPendingMember(membership, m);
        const ownerId = await this.members.findApprovedOwnerId(enterprise.id, m);
        if (ownerId) await this.notifications.notify(m, joinRequestedNotice(ownerId, enterprise, new Date()));
        else if (enterprise.butlerId)
          await this.notifications.notify(m, claimAwaitsButlerNotice(enterprise.butlerId, enterprise, new Date()));
      }
      if (phone) await this.users.setPhone(actor.id, phone, m);

      const outcome: BindOutcome = owner
        ? { enterpriseId: enterprise.id, role: MemberRole.OWNER, status: MembershipStatus.APPROVED }
        : { enterpriseId: enterprise.id, role: MemberRole.MEMBER, status: MembershipStatus.PENDING };
      await change.audit(
        owner ? AuditAction.ENTERPRISE_BOUND : AuditAction.ENTERPRISE_JOIN_REQUESTED,
        { type: 'enterprise', id: enterprise.id },
        {
          role: outcome.role,
          status: outcome.status,
          reason: owner || !claim.owner ? claim.reason : ClaimReason.HAS_MEMBERS,
          enterpriseCreated: created,
          phoneFromWechat: phone !== null,
          ...(previous ? { replacedRejectedRequest: previous.enterpriseId } : {}),
          ...(!created && name !== enterprise.name ? { submittedName: name } : {}),
        },
      );
      return outcome;
    });
  }

  /** getPhoneNumber code → number. 40029: the code is bad or used (400); anything else: WeChat is unavailable (503). */
  private async exchangePhoneCode(code: string): Promise<string> {
    try {
      return await this.wechat.phoneNumber(code);
    } catch (e) {
      if (!(e instanceof WechatError)) throw e;
      if (e.errcode === WECHAT_ERR.INVALID_CODE || e.errcode === WECHAT_ERR.CODE_USED)
        throw new AppException('WECHAT_PHONE_CODE_INVALID');
      throw new AppException('WECHAT_UNAVAILABLE', undefined, { 'retry-after': '5' });
    }
  }
}
