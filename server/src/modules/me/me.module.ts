import { NotificationsModule } from '../notifications/notifications.module';
import { Module } from '@nestjs/common';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { MeController } from './me.controller';
import { MeService } from './me.service';
import { MyEnterpriseController } from './my-enterprise.controller';
import { PrivacyController } from './privacy.controller';
import { PrivacyRepository } from './privacy.repository';
import { PrivacyService } from './privacy.service';

@Module({
  imports: [EnterprisesModule, NotificationsModule],
  controllers: [MeController, MyEnterpriseController, PrivacyController],
  providers: [MeService, PrivacyService, PrivacyRepository],
})
export class MeModule {}
