import { Injectable } from '@nestjs/common';
import { isStaffRole, MemberRole, MembershipStatus } from '@qsgj/shared/enums';
import type { Actor } from '../../common/auth/actor';
import { AppException } from '../../common/errors/app-exception';
import { EnterprisesService } from '../enterprises/enterprises.service';

/** Who asks, as 企业商圈 sees them. */
export interface MarketViewer {
  userId: string | null;
  staff: boolean;
  /** The enterprise the user is an APPROVED member of. */
  enterpriseId: string | null;
  enterpriseName: string | null;
  /** The approved owner of that enterprise. */
  owner: boolean;
}

const NOBODY: MarketViewer = { userId: null, staff: false, enterpriseId: null, enterpriseName: null, owner: false };

/**
 * Access rules of 企业商圈, in one place:
 * - a post on the board (active, unexpired) is public; any other post exists only for the approved members of its
 *   enterprise and for staff (404 to everyone else);
 * - its author and its enterprise's approved owner manage it (edit, close, renew) and answer its contact requests;
 *   another approved member sees it (403 on a change);
 * - a contact request exists for its requester and the post's managers only (404 to everyone else, staff too).
 */
@Injectable()
export class MarketViewers {
  constructor(private readonly enterprises: EnterprisesService) {}

  async of(actor: Actor | undefined): Promise<MarketViewer> {
    if (!actor) return NOBODY;
    if (isStaffRole(actor.role)) return { ...NOBODY, userId: actor.id, staff: true };
    const m = await this.enterprises.membershipOf(actor.id);
    if (!m || m.status !== MembershipStatus.APPROVED) return { ...NOBODY, userId: actor.id };
    return {
      userId: actor.id,
      staff: false,
      enterpriseId: m.enterpriseId,
      enterpriseName: m.enterprise.name,
      owner: m.role === MemberRole.OWNER,
    };
  }

  /** An approved member's viewer, else 404 ENTERPRISE_NOT_BOUND. */
  async member(actor: Actor): Promise<MarketViewer & { userId: string; enterpriseId: string; enterpriseName: string }> {
    const v = await this.of(actor);
    if (!v.enterpriseId || !v.userId || !v.enterpriseName) throw new AppException('ENTERPRISE_NOT_BOUND');
    return v as MarketViewer & { userId: string; enterpriseId: string; enterpriseName: string };
  }

  static ofEnterprise(v: MarketViewer, enterpriseId: string): boolean {
    return v.enterpriseId !== null && v.enterpriseId === enterpriseId;
  }

  static manages(v: MarketViewer, post: { enterpriseId: string; authorId: string | null }): boolean {
    return MarketViewers.ofEnterprise(v, post.enterpriseId) && (v.owner || post.authorId === v.userId);
  }
}
