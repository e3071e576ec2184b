import { Module } from '@nestjs/common';
import { TokenService } from '../../common/auth/token.service';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';

/**
 * Sign-in, sessions and the global AuthGuard (registered as APP_GUARD by AppModule). Exports the guard
 * and SessionsService (for the domains that end or export sessions), never the repository.
 */
@Module({
  imports: [UsersModule],
  controllers: [AuthController],
  providers: [AuthService, TokenService, SessionsRepository, SessionsService, AuthGuard],
  exports: [AuthGuard, SessionsService],
})
export class AuthModule {}
