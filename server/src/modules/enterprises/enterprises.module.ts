import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { StaffModule } from '../staff/staff.module';
import { UsersModule } from '../users/users.module';
import { AdminEnterprisesController } from './admin-enterprises.controller';
import { EnterpriseBindingService } from './enterprise-binding.service';
import { EnterpriseButlersService } from './enterprise-butlers.service';
import { EnterpriseMembersController } from './enterprise-members.controller';
import { EnterpriseMembersRepository } from './enterprise-members.repository';
import { EnterpriseMembersService } from './enterprise-members.service';
import { EnterprisesRepository } from './enterprises.repository';
import { EnterprisesService } from './enterprises.service';
import { MyEnterpriseController } from './my-enterprise.controller';

/**
 * Enterprises and their members, all sides: the enterprise user's (/me/enterprise, /me/butler), the
 * staff's (/enterprises/…) and the admin's (/admin/enterprises). Exports EnterprisesService only.
 */
@Module({
  imports: [UsersModule, StaffModule, NotificationsModule],
  controllers: [MyEnterpriseController, EnterpriseMembersController, AdminEnterprisesController],
  providers: [
    EnterprisesRepository,
    EnterpriseMembersRepository,
    EnterprisesService,
    EnterpriseBindingService,
    EnterpriseMembersService,
    EnterpriseButlersService,
  ],
  exports: [EnterprisesService],
})
export class EnterprisesModule {}
