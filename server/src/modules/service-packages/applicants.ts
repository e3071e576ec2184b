import { Injectable } from '@nestjs/common';
import { MembershipStatus, Role } from '@qsgj/shared/enums';
import type { MatchProfile } from '@qsgj/shared/rules';
import type { Actor } from '../../common/auth/actor';
import { AppException } from '../../common/errors/app-exception';
import { EnterprisesService } from '../enterprises/enterprises.service';

/** The enterprise an enterprise user applies for, as an application reads it (一企一档). */
export interface Applicant {
  enterpriseId: string;
  name: string;
  creditCode: string;
  profile: MatchProfile;
}

/** Who applies: a member of an approved enterprise, with its profile. */
@Injectable()
export class Applicants {
  constructor(private readonly enterprises: EnterprisesService) {}

  /** The caller's approved enterprise and its profile; null for anyone else (a visitor, staff, a pending member). */
  async of(actor: Actor | undefined): Promise<Applicant | null> {
    if (!actor || actor.role !== Role.ENTERPRISE) return null;
    const membership = await this.enterprises.membershipOf(actor.id);
    if (!membership || membership.status !== MembershipStatus.APPROVED) return null;
    const e = membership.enterprise;
    return {
      enterpriseId: e.id,
      name: e.name,
      creditCode: e.creditCode,
      profile: {
        industry: e.industry || null,
        scale: e.scale ?? null,
        district: e.district || null,
        qualifications: e.qualifications ?? [],
      },
    };
  }

  async require(actor: Actor): Promise<Applicant> {
    const applicant = await this.of(actor);
    if (!applicant) throw new AppException('ENTERPRISE_NOT_BOUND');
    return applicant;
  }
}

/** 422 SERVICE_NOT_ELIGIBLE naming what is missing: 「您的企业暂不符合申请条件，尚缺：高新技术企业」. */
export function notEligible(missing: string[], met: string[]): AppException {
  return new AppException(
    'SERVICE_NOT_ELIGIBLE',
    { missing, met },
    undefined,
    missing.length > 0 ? `您的企业暂不符合申请条件，尚缺：${missing.join('、')}` : undefined,
  );
}
