import { Injectable } from '@nestjs/common';
import type {
  AdminNewsDetail,
  AdminNewsItem,
  AdminNewsQueryDto,
  NewsInputDto,
  Page,
  PublishNewsDto,
  UpdateNewsDto,
} from '@qsgj/shared/contracts';
import { NEWS_PAGE_MAX, NEWS_SCHEDULE_MAX_DAYS } from '@qsgj/shared/contracts';
import { AuditAction } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { fieldError, notFound } from '../../common/errors/app-exception';
import { pageLimit, readCursor, toPage } from '../../common/paging/keyset';
import type { Change } from '../audit/changes';
import { Changes } from '../audit/changes';
import { FilesService } from '../files/files.service';
import { sanitizePolicyHtml } from '../policies/policy-html';
import type { NewsArticleEntity } from './news-article.entity';
import { isPublicAt, NEWS_FILE_OWNER, newsState, toAdminNewsDetail, toAdminNewsItem } from './news.mapper';
import { ADMIN_NEWS_ORDER, type NewsFields, NewsRepository } from './news.repository';
import { NewsTime } from './news-time';

/** The audit rows' target type of an article. */
export const NEWS_TARGET = 'news';

export const NEWS_MESSAGES = {
  pastSchedule: '定时发布时间不能早于当前时间；立即发布请不填发布时间',
  farSchedule: `定时发布时间不能晚于 ${NEWS_SCHEDULE_MAX_DAYS} 天之后`,
  liveReschedule: '文章已发布，不能改为定时发布；如需调整请先撤回',
  draftWithdraw: '该文章尚未发布，无需撤回',
} as const;

const DAY_MS = 86_400_000;

/** The workbench's 营商动态 (admins only): list, read, write, publish (now or scheduled), withdraw. Every change audited. */
@Injectable()
export class AdminNewsService {
  constructor(
    private readonly news: NewsRepository,
    private readonly files: FilesService,
    private readonly changes: Changes,
    private readonly time: NewsTime,
  ) {}

  /** `GET /admin/news`: every status, the latest change first. */
  async list(query: AdminNewsQueryDto): Promise<Page<AdminNewsItem>> {
    const limit = Math.min(pageLimit(query.limit), NEWS_PAGE_MAX);
    const status = query.status === 'all' ? undefined : query.status;
    const rows = await this.news.listAll(status, readCursor(query.cursor, ADMIN_NEWS_ORDER), limit);
    const now = this.time.now();
    return toPage(
      rows,
      limit,
      (n) => toAdminNewsItem(n, now),
      (n) => ({ k: n.updatedAt.toISOString(), id: n.id }),
    );
  }

  /** `GET /admin/news/:id`: any status (the editor and its preview). */
  async detail(id: string): Promise<AdminNewsDetail> {
    const row = await this.news.findById(id);
    if (!row) throw notFound();
    return toAdminNewsDetail(row, this.time.now());
  }

  /** `POST /admin/news`: a draft; its cover (an upload of the admin's) attached in the same transaction. */
  async create(actor: Actor, dto: NewsInputDto, meta: RequestMeta): Promise<AdminNewsDetail> {
    const fields: NewsFields = {
      title: dto.title.trim(),
      summary: (dto.summary ?? '').trim(),
      body: sanitizePolicyHtml(dto.body ?? ''),
      source: blankToNull(dto.source),
      coverFileId: dto.coverFileId ?? null,
      pinned: dto.pinned ?? false,
    };
    const id = await this.changes.run({ actor, meta }, async (change) => {
      // The cover is set once the upload is attached (checked as the admin's, fresh and unused).
      const row = await this.news.insert({ ...fields, coverFileId: null }, actor.id, change.manager);
      if (fields.coverFileId) {
        await this.files.attach(change.manager, [fields.coverFileId], fileOwner(row.id), actor, 'coverFileId');
        row.coverFileId = fields.coverFileId;
        await this.news.save(row, change.manager);
      }
      await change.audit(AuditAction.NEWS_CREATED, { type: NEWS_TARGET, id: row.id }, { fields: auditFields(fields) });
      return row.id;
    });
    return this.detail(id);
  }

  /** `PATCH /admin/news/:id`: the fields given; the status stays. A replaced cover is left for the sweep. */
  async update(actor: Actor, id: string, dto: UpdateNewsDto, meta: RequestMeta): Promise<AdminNewsDetail> {
    await this.changes.run({ actor, meta }, async (change) => {
      const m = change.manager;
      const current = await this.news.findForUpdate(id, m);
      if (!current) throw notFound();
      const before = fieldsOf(current);
      const after: NewsFields = {
        title: dto.title !== undefined ? dto.title.trim() : before.title,
        summary: dto.summary !== undefined ? dto.summary.trim() : before.summary,
        body: dto.body !== undefined ? sanitizePolicyHtml(dto.body) : before.body,
        source: dto.source !== undefined ? blankToNull(dto.source) : before.source,
        coverFileId: dto.coverFileId !== undefined ? dto.coverFileId : before.coverFileId,
        pinned: dto.pinned ?? before.pinned,
      };
      const changed = Object.fromEntries(
        (Object.keys(after) as Array<keyof NewsFields>)
          .filter((k) => after[k] !== before[k])
          .map((k) => [k, k === 'body' ? { length: after.body.length } : after[k]]),
      );
      if (Object.keys(changed).length === 0) return;
      if (after.coverFileId !== before.coverFileId) {
        await this.files.detachOthers(m, fileOwner(id), []);
        if (after.coverFileId) await this.files.attach(m, [after.coverFileId], fileOwner(id), actor, 'coverFileId');
      }
      Object.assign(current, after);
      await this.news.save(current, m);
      await change.audit(AuditAction.NEWS_UPDATED, { type: NEWS_TARGET, id }, { status: current.status, changed });
    });
    return this.detail(id);
  }

  /**
   * `POST /admin/news/:id/publish`: public now, or from `publishAt` on (a scheduled article is invisible to the
   * public until then; nothing runs at that moment, every read compares). A scheduled one may be rescheduled
   * or published now; one already public stays as it is (publishing it again changes nothing).
   */
  async publish(actor: Actor, id: string, dto: PublishNewsDto, meta: RequestMeta): Promise<AdminNewsDetail> {
    const now = this.time.now();
    const at = dto.publishAt !== undefined ? new Date(dto.publishAt) : null;
    if (at && at.getTime() < now.getTime()) throw fieldError('publishAt', NEWS_MESSAGES.pastSchedule);
    if (at && at.getTime() > now.getTime() + NEWS_SCHEDULE_MAX_DAYS * DAY_MS) {
      throw fieldError('publishAt', NEWS_MESSAGES.farSchedule);
    }
    await this.changes.run({ actor, meta }, async (change) => {
      const current = await this.news.findForUpdate(id, change.manager);
      if (!current) throw notFound();
      const live = isPublicAt(current, now);
      if (live && at) throw fieldError('publishAt', NEWS_MESSAGES.liveReschedule);
      if (live) return;
      // Re-publishing a withdrawn article keeps the time it first went public; otherwise now or the time chosen.
      const wasPublic = current.status === 'withdrawn' && current.publishedAt !== null && current.publishedAt <= now;
      const publishedAt = at ?? (wasPublic ? current.publishedAt! : now);
      await this.setStatus(change, current, 'published', publishedAt, AuditAction.NEWS_PUBLISHED, {
        from: newsState(current, now),
        publishedAt: publishedAt.toISOString(),
        scheduled: at !== null,
      });
    });
    return this.detail(id);
  }

  /** `POST /admin/news/:id/withdraw`: out of the public's sight (a scheduled one never appears); twice changes nothing. */
  async withdraw(actor: Actor, id: string, meta: RequestMeta): Promise<AdminNewsDetail> {
    const now = this.time.now();
    await this.changes.run({ actor, meta }, async (change) => {
      const current = await this.news.findForUpdate(id, change.manager);
      if (!current) throw notFound();
      if (current.status === 'withdrawn') return;
      if (current.status === 'draft') throw fieldError('status', NEWS_MESSAGES.draftWithdraw);
      await this.setStatus(change, current, 'withdrawn', current.publishedAt, AuditAction.NEWS_WITHDRAWN, {
        from: newsState(current, now),
      });
    });
    return this.detail(id);
  }

  private async setStatus(
    change: Change,
    current: NewsArticleEntity,
    status: NewsArticleEntity['status'],
    publishedAt: Date | null,
    action: AuditAction,
    details: Record<string, unknown>,
  ): Promise<void> {
    current.status = status;
    current.publishedAt = publishedAt;
    await this.news.save(current, change.manager);
    await change.audit(action, { type: NEWS_TARGET, id: current.id }, details);
  }
}

function fileOwner(id: string) {
  return { kind: NEWS_FILE_OWNER, id };
}

function blankToNull(text: string | null | undefined): string | null {
  const t = text?.trim();
  return t ? t : null;
}

function fieldsOf(n: NewsArticleEntity): NewsFields {
  return {
    title: n.title,
    summary: n.summary,
    body: n.body,
    source: n.source,
    coverFileId: n.coverFileId,
    pinned: n.pinned,
  };
}

/** What the audit row keeps of the fields: the body by its length (the text is in the row itself). */
function auditFields(f: NewsFields): Record<string, unknown> {
  return { ...f, body: { length: f.body.length } };
}
