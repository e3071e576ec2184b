import { Injectable } from '@nestjs/common';
import type { EnterpriseProfile, UpdateEnterpriseProfileDto } from '@qsgj/shared/contracts';
import { AuditAction, MemberRole, MembershipStatus } from '@qsgj/shared/enums';
import type { ErrorDetail } from '@qsgj/shared/errors';
import { isCalendarDay, shanghaiDay } from '@qsgj/shared/rules';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { AppException, notFound } from '../../common/errors/app-exception';
import { Changes } from '../audit/changes';
import { DictionariesService } from '../dictionaries/dictionaries.service';
import type { EnterpriseEntity } from './enterprise.entity';
import { EnterpriseAction, enforce, enterprisePolicy } from './enterprise.policy';
import { EnterpriseMembersRepository } from './enterprise-members.repository';
import { profileFieldsOf, toEnterpriseProfile } from './enterprise-profile.mapper';
import { EnterpriseProfileRepository, type ProfileFields } from './enterprise-profile.repository';
import { EnterprisesRepository } from './enterprises.repository';

const OWNER_ONLY = '只有企业管理员可以修改一企一档，请联系本企业管理员';

/**
 * 一企一档: the enterprise's profile that policy matching reads (industry, scale, district, qualifications,
 * founding date). Approved members see it and its owner edits it (/me/enterprise/profile); staff who serve the
 * enterprise (its butler, supervisors, admins: `enterprisePolicy`) see and edit it (/staff/enterprises/:id/profile).
 */
@Injectable()
export class EnterpriseProfileService {
  constructor(
    private readonly profiles: EnterpriseProfileRepository,
    private readonly enterprises: EnterprisesRepository,
    private readonly members: EnterpriseMembersRepository,
    private readonly dictionaries: DictionariesService,
    private readonly changes: Changes,
  ) {}

  async getMine(actor: Actor): Promise<EnterpriseProfile> {
    const { enterprise, owner } = await this.myEnterprise(actor);
    return toEnterpriseProfile(enterprise, owner);
  }

  async updateMine(actor: Actor, dto: UpdateEnterpriseProfileDto, meta: RequestMeta): Promise<EnterpriseProfile> {
    const { enterprise, owner } = await this.myEnterprise(actor);
    if (!owner) throw new AppException('FORBIDDEN', undefined, undefined, OWNER_ONLY);
    return this.write(actor, enterprise.id, dto, meta);
  }

  async getForStaff(actor: Actor, enterpriseId: string): Promise<EnterpriseProfile> {
    return toEnterpriseProfile(await this.servedEnterprise(actor, enterpriseId), true);
  }

  async updateForStaff(
    actor: Actor,
    enterpriseId: string,
    dto: UpdateEnterpriseProfileDto,
    meta: RequestMeta,
  ): Promise<EnterpriseProfile> {
    await this.servedEnterprise(actor, enterpriseId);
    return this.write(actor, enterpriseId, dto, meta);
  }

  /** My approved enterprise (404 ENTERPRISE_NOT_BOUND without one), and whether I own it. */
  private async myEnterprise(actor: Actor): Promise<{ enterprise: EnterpriseEntity; owner: boolean }> {
    const membership = await this.members.findMembershipOfUser(actor.id);
    if (membership?.status !== MembershipStatus.APPROVED) throw new AppException('ENTERPRISE_NOT_BOUND');
    enforce(enterprisePolicy(actor, EnterpriseAction.VIEW_PROFILE, membership.enterprise, membership));
    return { enterprise: membership.enterprise, owner: membership.role === MemberRole.OWNER };
  }

  /** The enterprise, when the staff member serves it; 404 exactly as if it did not exist otherwise. */
  private async servedEnterprise(actor: Actor, enterpriseId: string): Promise<EnterpriseEntity> {
    const enterprise = await this.enterprises.findById(enterpriseId);
    if (!enterprise) throw notFound();
    enforce(enterprisePolicy(actor, EnterpriseAction.VIEW_PROFILE, enterprise, null));
    return enterprise;
  }

  /** Checks the whole profile (every problem in one answer), then writes what changed with its audit row. */
  private async write(
    actor: Actor,
    enterpriseId: string,
    dto: UpdateEnterpriseProfileDto,
    meta: RequestMeta,
  ): Promise<EnterpriseProfile> {
    const wanted: ProfileFields = {
      industry: blankToNull(dto.industry),
      scale: dto.scale ?? null,
      district: blankToNull(dto.district),
      qualifications: [...dto.qualifications],
      foundedOn: dto.foundedOn ?? null,
    };
    const errors: ErrorDetail[] = [];
    if (wanted.foundedOn !== null) {
      if (!isCalendarDay(wanted.foundedOn)) errors.push({ field: 'foundedOn', message: '成立日期不是有效的日期' });
      else if (wanted.foundedOn > shanghaiDay(new Date()))
        errors.push({ field: 'foundedOn', message: '成立日期不能晚于今天' });
    }
    errors.push(
      ...(await this.dictionaries.unknownValues([
        { field: 'industry', kind: 'industries', values: wanted.industry === null ? [] : [wanted.industry] },
        { field: 'district', kind: 'districts', values: wanted.district === null ? [] : [wanted.district] },
        { field: 'qualifications', kind: 'qualifications', values: wanted.qualifications },
      ])),
    );
    if (errors.length > 0) throw new AppException('VALIDATION_FAILED', errors, undefined, errors[0].message);

    return this.changes.run({ actor, meta }, async (change) => {
      const m = change.manager;
      const locked = await this.enterprises.findAndLock(enterpriseId, m);
      if (!locked) throw notFound();
      const before = profileFieldsOf(locked);
      const changed = (Object.keys(wanted) as Array<keyof ProfileFields>).filter(
        (k) => JSON.stringify(before[k]) !== JSON.stringify(wanted[k]),
      );
      if (changed.length > 0) {
        const patch = Object.fromEntries(changed.map((k) => [k, wanted[k]])) as Partial<ProfileFields>;
        await this.profiles.update(enterpriseId, patch, m);
        await change.audit(
          AuditAction.ENTERPRISE_PROFILE_UPDATED,
          { type: 'enterprise', id: enterpriseId },
          { before: Object.fromEntries(changed.map((k) => [k, before[k]])), after: patch },
        );
      }
      const after = await this.profiles.findById(enterpriseId, m);
      if (!after) throw notFound();
      return toEnterpriseProfile(after, true);
    });
  }
}

function blankToNull(value: string | null | undefined): string | null {
  const v = value?.trim();
  return v ? v : null;
}
