import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { EnterpriseBindingService } from './enterprise-binding.service';
import { EnterpriseMembersController } from './enterprise-members.controller';
import { EnterpriseMembersService } from './enterprise-members.service';
import { EnterprisesRepository } from './enterprises.repository';

/** Enterprises and their members. Imported by MeModule (the enterprise user's side lives under /me). */
@Module({
  imports: [NotificationsModule],
  controllers: [EnterpriseMembersController],
  providers: [EnterprisesRepository, EnterpriseMembersService, EnterpriseBindingService],
  exports: [EnterprisesRepository, EnterpriseMembersService, EnterpriseBindingService],
})
export class EnterprisesModule {}
