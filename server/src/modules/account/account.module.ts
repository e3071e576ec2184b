import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UsersModule } from '../users/users.module';
import { MeController } from './me.controller';
import { MeService } from './me.service';
import { PrivacyController } from './privacy.controller';
import { PrivacyService } from './privacy.service';

/** 我的 — the signed-in user's own account: profile, consent, data export and deletion (`/me`). */
@Module({
  imports: [UsersModule, AuthModule, EnterprisesModule, NotificationsModule],
  controllers: [MeController, PrivacyController],
  providers: [MeService, PrivacyService],
})
export class AccountModule {}
