import { Injectable } from '@nestjs/common';
import type {
  CaseApplication,
  CaseDetail,
  CaseDetailStaff,
  Page,
  PageQueryDto,
  PolicyApplicationItem,
  ServiceApplicationDto,
} from '@qsgj/shared/contracts';
import { evaluateEligibility, shanghaiDay } from '@qsgj/shared/rules';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { AppException, notFound } from '../../common/errors/app-exception';
import { paged } from '../../common/paging/keyset';
import { CasesService } from '../cases/cases.service';
import { rulesOf } from '../policies/policies.service';
import { Applicants, notEligible } from './applicants';
import { applicationContent, profileSnapshot } from './service-package.mapper';
import { POLICY_APPLICATION_ORDER, PolicyApplicationsRepository } from './policy-applications.repository';

export const POLICY_NOT_IN_FORCE_MESSAGE = '该政策不在有效期内，不能申报';

/**
 * 一键申报: an enterprise matched to a policy in force applies to enjoy it; the case is prefilled from 一企一档 and
 * goes to the enterprise's butler's department (policies name no handling department), else the centre.
 */
@Injectable()
export class PolicyApplicationsService {
  constructor(
    private readonly applications: PolicyApplicationsRepository,
    private readonly applicants: Applicants,
    private readonly cases: CasesService,
  ) {}

  /** `POST /policies/:id/applications` (Idempotency-Key required). Not matched: 422 naming what is missing. */
  async apply(
    actor: Actor,
    policyId: string,
    dto: ServiceApplicationDto,
    meta: RequestMeta,
  ): Promise<CaseDetail | CaseDetailStaff> {
    const policy = await this.applications.findPolicy(policyId);
    if (!policy || policy.status !== 'published') throw notFound();
    const applicant = await this.applicants.require(actor);
    const e = evaluateEligibility(rulesOf(policy), applicant.profile, shanghaiDay(new Date()));
    if (!e.inForce) {
      throw new AppException(
        'SERVICE_NOT_ELIGIBLE',
        { missing: [], met: e.met },
        undefined,
        POLICY_NOT_IN_FORCE_MESSAGE,
      );
    }
    if (!e.eligible) throw notEligible(e.missing, e.met);
    const note = dto.note ? dto.note : null;
    const application: CaseApplication = {
      kind: 'policy',
      id: policy.id,
      title: policy.title,
      provider: `${policy.docNumber} · ${policy.issuer}`,
      met: e.met,
      profile: profileSnapshot(applicant),
      materials: [],
      note,
    };
    return this.cases.apply(
      actor,
      {
        content: applicationContent(application),
        note,
        departmentId: null,
        servicePackageId: null,
        policyId: policy.id,
        application,
      },
      meta,
    );
  }

  /** `GET /me/policy-applications`: the policies my enterprise applied for, the latest first, and where each stands. */
  async mine(actor: Actor, query: PageQueryDto): Promise<Page<PolicyApplicationItem>> {
    const applicant = await this.applicants.require(actor);
    const page = await paged(
      query,
      POLICY_APPLICATION_ORDER,
      (after, limit) => this.applications.listOfEnterprise(applicant.enterpriseId, after, limit),
      (c) => c,
      (c) => ({ k: c.createdAt.toISOString(), id: c.id }),
    );
    const policies = await this.applications.policiesByIds([...new Set(page.items.map((c) => c.policyId!))]);
    return {
      items: page.items.map((c) => {
        const p = policies.get(c.policyId!);
        return {
          policy: { id: c.policyId!, title: p?.title ?? '', docNumber: p?.docNumber ?? '' },
          case: {
            id: c.id,
            number: c.number,
            state: c.state,
            createdAt: c.createdAt.toISOString(),
            expectedBy: c.resolveDueAt ? c.resolveDueAt.toISOString() : null,
          },
        };
      }),
      nextCursor: page.nextCursor,
    };
  }
}
