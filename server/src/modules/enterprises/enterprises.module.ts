import { Module } from '@nestjs/common';
import { ButlerAdminModule } from '../butler-admin/butler-admin.module';
import { DictionariesModule } from '../dictionaries/dictionaries.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { StaffModule } from '../staff/staff.module';
import { UsersModule } from '../users/users.module';
import { AdminEnterprisesController } from './admin-enterprises.controller';
import { EnterpriseBindingService } from './enterprise-binding.service';
import { EnterpriseButlersService } from './enterprise-butlers.service';
import { EnterpriseMembersController } from './enterprise-members.controller';
import { EnterpriseMembersRepository } from './enterprise-members.repository';
import { EnterpriseMembersService } from './enterprise-members.service';
import { MyEnterpriseProfileController, StaffEnterpriseProfileController } from './enterprise-profile.controller';
import { EnterpriseProfileRepository } from './enterprise-profile.repository';
import { EnterpriseProfileService } from './enterprise-profile.service';
import { EnterprisesRepository } from './enterprises.repository';
import { EnterprisesService } from './enterprises.service';
import { MyEnterpriseController } from './my-enterprise.controller';

/**
 * Enterprises and their members, all sides: the enterprise user's (/me/enterprise, /me/butler), the
 * staff's (/enterprises/…, /staff/enterprises/:id/profile) and the admin's (/admin/enterprises), and 一企一档
 * (/me/enterprise/profile). Exports EnterprisesService, and EnterpriseProfileService (policy matching reads profiles).
 */
@Module({
  imports: [UsersModule, StaffModule, NotificationsModule, DictionariesModule, ButlerAdminModule],
  controllers: [
    MyEnterpriseController,
    EnterpriseMembersController,
    AdminEnterprisesController,
    MyEnterpriseProfileController,
    StaffEnterpriseProfileController,
  ],
  providers: [
    EnterprisesRepository,
    EnterpriseMembersRepository,
    EnterprisesService,
    EnterpriseBindingService,
    EnterpriseMembersService,
    EnterpriseButlersService,
    EnterpriseProfileRepository,
    EnterpriseProfileService,
  ],
  exports: [EnterprisesService, EnterpriseProfileService],
})
export class EnterprisesModule {}
