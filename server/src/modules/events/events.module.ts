import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { DepartmentsModule } from '../departments/departments.module';
import { DictionariesModule } from '../dictionaries/dictionaries.module';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { AdminEventsController } from './admin-events.controller';
import { AdminEventsService } from './admin-events.service';
import { CheckinCodes } from './checkin-codes';
import { EventClock } from './event-clock';
import { EventRemindersService } from './event-reminders.service';
import { EventsController, MyRegistrationsController } from './events.controller';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';
import { StaffEventsController } from './staff-events.controller';
import { StaffEventsService } from './staff-events.service';

/**
 * 潭商讲堂 (issue 12): events (讲座、培训、轻骑兵政策宣讲、企业接待日), registrations with a waitlist whose seats are
 * counted under the event's row lock (docs/performance.md, 「Event sign-ups」), check-in by signed QR codes, reminders,
 * and 接待日 topics turned into cases.
 */
@Module({
  imports: [CasesModule, DepartmentsModule, DictionariesModule, EnterprisesModule, NotificationsModule],
  controllers: [EventsController, MyRegistrationsController, AdminEventsController, StaffEventsController],
  providers: [
    EventsRepository,
    EventClock,
    CheckinCodes,
    EventsService,
    AdminEventsService,
    StaffEventsService,
    EventRemindersService,
  ],
  exports: [EventsService],
})
export class EventsModule {}
