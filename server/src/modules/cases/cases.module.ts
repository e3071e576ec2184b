import { Module } from '@nestjs/common';
import { DepartmentsModule } from '../departments/departments.module';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { FilesModule } from '../files/files.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UsersModule } from '../users/users.module';
import { AdminCalendarController } from './admin-calendar.controller';
import { CaseCalendarService } from './case-calendar.service';
import { CaseConversationService } from './case-conversation.service';
import { CaseEventsRepository } from './case-events.repository';
import { CaseMessagesRepository } from './case-messages.repository';
import { CaseNotesRepository } from './case-notes.repository';
import { CaseRatingsController } from './case-ratings.controller';
import { CaseRatingsService } from './case-ratings.service';
import { CaseRatingsRepository } from './case-ratings.repository';
import { CaseFollowUpsRepository } from './case-follow-ups.repository';
import { RatingAppealsRepository } from './rating-appeals.repository';
import { CaseReadsService } from './case-reads.service';
import { CASE_SWEEP_PROVIDERS } from './case-sweep.service';
import { CaseTime } from './case-time';
import { CaseWriter } from './case-writer.service';
import { CaseTransitionsService } from './case-transitions.service';
import { CaseViewers } from './case-viewers.service';
import { CasesController } from './cases.controller';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';
import { CaseContentCheck } from './case-content-check';
import { WorkingCalendarRepository } from './working-calendar.repository';

/**
 * Cases (诉求), every side: the enterprise's submissions and conversation, the staff workbench's transitions and
 * notes, the admin's working calendar. The rules are shared/src/rules/cases (docs/cases.md).
 */
@Module({
  imports: [UsersModule, DepartmentsModule, EnterprisesModule, NotificationsModule, FilesModule],
  controllers: [CasesController, AdminCalendarController, CaseRatingsController],
  providers: [
    CasesRepository,
    CaseEventsRepository,
    CaseMessagesRepository,
    CaseNotesRepository,
    WorkingCalendarRepository,
    CaseTime,
    CaseWriter,
    CaseViewers,
    CaseCalendarService,
    CaseReadsService,
    CasesService,
    CaseContentCheck,
    CaseTransitionsService,
    CaseConversationService,
    CaseRatingsRepository,
    CaseFollowUpsRepository,
    RatingAppealsRepository,
    CaseRatingsService,
    ...CASE_SWEEP_PROVIDERS,
  ],
  exports: [CaseCalendarService, CaseViewers, CaseTime, CasesService, CaseReadsService],
})
export class CasesModule {}
