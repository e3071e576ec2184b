import { Injectable } from '@nestjs/common';
import type { CaseDetail, CaseDetailStaff, CaseMessageDto, CaseNoteDto } from '@qsgj/shared/contracts';
import { AuditAction, CASE_STATE_LABEL } from '@qsgj/shared/enums';
import type { Actor, RequestMeta } from '../../common/auth/actor';
import { AppException, notFound } from '../../common/errors/app-exception';
import { Changes } from '../audit/changes';
import { NotificationService } from '../notifications/notification.service';
import { canSeeCase, isStaffViewer } from './case.policy';
import { CASE_MESSAGE_SCENE, CaseContentCheck, type ContentVerdict } from './case-content-check';
import { CaseMessagesRepository } from './case-messages.repository';
import { CaseNotesRepository } from './case-notes.repository';
import { caseForButlerNotice, caseReplyNotice } from './case-notices';
import { CASE_MESSAGE_FILE_OWNER, CaseReadsService } from './case-reads.service';
import { FilesService } from '../files/files.service';
import { CaseTime } from './case-time';
import { CaseViewers } from './case-viewers.service';
import { CasesRepository } from './cases.repository';

const FINAL = new Set(['closed', 'rejected']);

/** The conversation on a case (both sides) and staff's internal notes. */
@Injectable()
export class CaseConversationService {
  constructor(
    private readonly cases: CasesRepository,
    private readonly messages: CaseMessagesRepository,
    private readonly notes: CaseNotesRepository,
    private readonly notifications: NotificationService,
    private readonly reads: CaseReadsService,
    private readonly viewers: CaseViewers,
    private readonly changes: Changes,
    private readonly time: CaseTime,
    private readonly contentCheck: CaseContentCheck,
    private readonly files: FilesService,
  ) {}

  /**
   * `POST /cases/:id/messages`: a staff reply tells the enterprise; the enterprise's message tells its butler.
   * The enterprise's text goes through the content check first (staff replies do not): `risky` → 400 CONTENT_RISKY;
   * `review` → 400 CONTENT_NEEDS_REVIEW and WeChat failing → 503 CONTENT_CHECK_UNAVAILABLE, nothing stored (the
   * sender still has the text on screen) — except on a case the check already holds (`pending_check`), which the
   * department does not see anyway: there the message is stored, for the centre to read before clearing the case.
   */
  async message(
    actor: Actor,
    id: string,
    dto: CaseMessageDto,
    meta: RequestMeta,
  ): Promise<CaseDetail | CaseDetailStaff> {
    const viewer = await this.viewers.of(actor);
    let verdict: ContentVerdict = 'pass';
    if (!isStaffViewer(viewer)) {
      // Another enterprise's case (or none) answers 404 before WeChat is asked anything.
      const seen = await this.cases.findWithNames(id);
      if (!seen || !canSeeCase(viewer, seen)) throw notFound();
      verdict = await this.contentCheck.check(actor.id, dto.content, CASE_MESSAGE_SCENE);
    }
    return this.changes.run({ actor, meta }, async (change) => {
      const m = change.manager;
      const c = await this.cases.lockById(id, m);
      if (!c || !canSeeCase(viewer, c)) throw notFound();
      if (FINAL.has(c.state)) {
        throw new AppException(
          'CASE_NOT_IN_THIS_STATE',
          undefined,
          undefined,
          `诉求当前为「${CASE_STATE_LABEL[c.state]}」，不能再留言；如有新问题请提交新的诉求`,
        );
      }
      if (verdict !== 'pass' && c.state !== 'pending_check') {
        throw new AppException(verdict === 'review' ? 'CONTENT_NEEDS_REVIEW' : 'CONTENT_CHECK_UNAVAILABLE');
      }
      const staff = isStaffViewer(viewer);
      const messageId = await this.messages.insert(
        { caseId: id, authorId: actor.id, authorKind: staff ? 'staff' : 'enterprise', content: dto.content },
        m,
      );
      // The images are the sender's own fresh uploads (anything else: 400, nothing stored).
      await this.files.attach(m, dto.images ?? [], { kind: CASE_MESSAGE_FILE_OWNER, id: messageId }, actor);
      await change.audit(
        AuditAction.CASE_MESSAGE,
        { type: 'case', id },
        { messageId, by: staff ? 'staff' : 'enterprise', ...(dto.images?.length ? { images: dto.images.length } : {}) },
      );
      const notice = { id, number: c.number, type: c.type };
      const now = this.time.now();
      if (staff) {
        const recipient = c.submitterId ?? (await this.cases.enterpriseOwner(c.enterpriseId, m));
        if (recipient) await this.notifications.notify(m, caseReplyNotice(recipient, notice, c.state, now));
      } else if (c.butlerId && c.state !== 'pending_check') {
        await this.notifications.notify(m, caseForButlerNotice(c.butlerId, notice, 'message', now));
      }
      return this.reads.describe(viewer, id, m, change);
    });
  }

  /** `POST /cases/:id/notes`: an internal note (staff only; never in an enterprise-facing answer). */
  async note(actor: Actor, id: string, dto: CaseNoteDto, meta: RequestMeta): Promise<CaseDetail | CaseDetailStaff> {
    const viewer = await this.viewers.of(actor);
    return this.changes.run({ actor, meta }, async (change) => {
      const m = change.manager;
      const c = await this.cases.lockById(id, m);
      if (!c || !isStaffViewer(viewer) || !canSeeCase(viewer, c)) throw notFound();
      const noteId = await this.notes.insert({ caseId: id, authorId: actor.id, content: dto.content }, m);
      await change.audit(AuditAction.CASE_NOTE, { type: 'case', id }, { noteId });
      return this.reads.describe(viewer, id, m, change);
    });
  }
}
