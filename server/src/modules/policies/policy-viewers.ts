import { Injectable } from '@nestjs/common';
import { isStaffRole, MembershipStatus, Role } from '@qsgj/shared/enums';
import { type MatchProfile, shanghaiDay } from '@qsgj/shared/rules';
import type { Actor } from '../../common/auth/actor';
import { AppException } from '../../common/errors/app-exception';
import { EnterprisesService } from '../enterprises/enterprises.service';

/** Today in Asia/Shanghai (`YYYY-MM-DD`): the day validity and `expired` are judged on. */
export function policyToday(): string {
  return shanghaiDay(new Date());
}

/** An enterprise user's approved enterprise as matching reads it (一企一档). */
export interface ProfileOfViewer {
  enterpriseId: string;
  profile: MatchProfile;
}

/** Who reads policies: staff see drafts and withdrawn ones; an enterprise user's profile explains matches. */
@Injectable()
export class PolicyViewers {
  constructor(private readonly enterprises: EnterprisesService) {}

  static isStaff(actor: Actor | undefined): boolean {
    return actor !== undefined && isStaffRole(actor.role);
  }

  /** The caller's approved enterprise and its profile; null for anyone else. */
  async profileOf(actor: Actor | undefined): Promise<ProfileOfViewer | null> {
    if (!actor || actor.role !== Role.ENTERPRISE) return null;
    const membership = await this.enterprises.membershipOf(actor.id);
    if (!membership || membership.status !== MembershipStatus.APPROVED) return null;
    const e = membership.enterprise;
    return {
      enterpriseId: e.id,
      profile: {
        industry: e.industry || null,
        scale: e.scale ?? null,
        district: e.district || null,
        qualifications: e.qualifications ?? [],
      },
    };
  }

  /** As `profileOf`, for routes only a member of an approved enterprise may call. */
  async requireProfile(actor: Actor): Promise<ProfileOfViewer> {
    const viewer = await this.profileOf(actor);
    if (!viewer) throw new AppException('ENTERPRISE_NOT_BOUND');
    return viewer;
  }
}
