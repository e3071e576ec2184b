import { Injectable } from '@nestjs/common';
import type {
  CaseApplication,
  CaseDetail,
  CaseDetailStaff,
  Page,
  ServiceApplicationDto,
  ServicePackageDetail,
  ServicePackageItem,
  ServicePackageQueryDto,
} from '@qsgj/shared/contracts';
import { SERVICE_PACKAGE_PAGE_MAX } from '@qsgj/shared/contracts';
import { isStaffRole } from '@qsgj/shared/enums';
import { evaluateEligibility, shanghaiDay } from '@qsgj/shared/rules';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { notFound } from '../../common/errors/app-exception';
import { pageLimit, readCursor, toPage } from '../../common/paging/keyset';
import { CasesService } from '../cases/cases.service';
import { Applicants, notEligible } from './applicants';
import type { ServicePackageEntity } from './service-package.entity';
import {
  applicationContent,
  packageRules,
  profileSnapshot,
  toServiceEligibility,
  toServicePackageDetail,
  toServicePackageItem,
} from './service-package.mapper';
import { NO_PACKAGE_FIGURES, PACKAGE_ORDER, ServicePackagesRepository } from './service-packages.repository';

/** The public side of 惠企服务: the catalogue, a package (with how it fits my enterprise), and applying. */
@Injectable()
export class ServicePackagesService {
  constructor(
    private readonly packages: ServicePackagesRepository,
    private readonly applicants: Applicants,
    private readonly cases: CasesService,
  ) {}

  /** `GET /service-packages`: active packages in catalogue order, with their figures. */
  async list(query: ServicePackageQueryDto): Promise<Page<ServicePackageItem>> {
    const limit = Math.min(pageLimit(query.limit), SERVICE_PACKAGE_PAGE_MAX);
    const rows = await this.packages.listActive(query.department, readCursor(query.cursor, PACKAGE_ORDER), limit);
    return this.page(rows, limit, (p) => ({ k: p.createdAt.toISOString(), id: p.id }));
  }

  /** Items of a page of rows, their figures read in one statement. */
  async page(
    rows: ServicePackageEntity[],
    limit: number,
    key: (p: ServicePackageEntity) => { k: string; id: string },
  ): Promise<Page<ServicePackageItem>> {
    const figures = await this.packages.figures(rows.slice(0, limit).map((p) => p.id));
    return toPage(rows, limit, (p) => toServicePackageItem(p, figures.get(p.id) ?? NO_PACKAGE_FIGURES), key);
  }

  /**
   * `GET /service-packages/:id`: a retired package exists for staff only. A member of an approved enterprise also
   * hears how it fits the enterprise (met and missing conditions).
   */
  async detail(actor: Actor | undefined, id: string): Promise<ServicePackageDetail> {
    const p = await this.packages.findById(id);
    if (!p || (!p.active && !(actor && isStaffRole(actor.role)))) throw notFound();
    const applicant = await this.applicants.of(actor);
    const match = applicant
      ? toServiceEligibility(evaluateEligibility(packageRules(p), applicant.profile, shanghaiDay(new Date())))
      : null;
    const figures = await this.packages.figures([p.id]);
    return toServicePackageDetail(p, figures.get(p.id) ?? NO_PACKAGE_FIGURES, match);
  }

  /**
   * `POST /service-packages/:id/applications` (Idempotency-Key required): an eligible enterprise applies; the case
   * goes to the provider department with the package's time limit. Ineligible: 422 naming what is missing.
   */
  async apply(
    actor: Actor,
    id: string,
    dto: ServiceApplicationDto,
    meta: RequestMeta,
  ): Promise<CaseDetail | CaseDetailStaff> {
    const p = await this.packages.findById(id);
    if (!p || !p.active) throw notFound();
    const applicant = await this.applicants.require(actor);
    const e = evaluateEligibility(packageRules(p), applicant.profile, shanghaiDay(new Date()));
    if (!e.eligible) throw notEligible(e.missing, e.met);
    const note = dto.note ? dto.note : null;
    const application: CaseApplication = {
      kind: 'package',
      id: p.id,
      title: p.name,
      provider: p.department?.name ?? '',
      met: e.met,
      profile: profileSnapshot(applicant),
      materials: p.materials,
      note,
    };
    return this.cases.apply(
      actor,
      {
        content: applicationContent(application),
        note,
        departmentId: p.departmentId,
        resolveDays: p.timeLimitDays,
        servicePackageId: p.id,
        policyId: null,
        application,
      },
      meta,
    );
  }
}
