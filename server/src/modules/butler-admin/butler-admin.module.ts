import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { UsersModule } from '../users/users.module';
import { ButlerAdminController } from './butler-admin.controller';
import { ButlerAssignmentsRepository } from './butler-assignments.repository';
import { ButlerAssignmentsService } from './butler-assignments.service';

/**
 * butler assignment, bulk reassignment and deactivation with handover (issue 11): the admin's routes
 * (bulk assignment, an enterprise's butler history, a staff member's workload) and ButlerAssignmentsService,
 * which the single assignment (enterprises) and the deactivation (staff) call inside their own changes.
 */
@Module({
  imports: [UsersModule, NotificationsModule],
  controllers: [ButlerAdminController],
  providers: [ButlerAssignmentsRepository, ButlerAssignmentsService],
  exports: [ButlerAssignmentsService],
})
export class ButlerAdminModule {}
