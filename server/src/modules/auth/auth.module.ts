import { Global, Module } from '@nestjs/common';
import { TokenService } from '../../common/auth/token.service';
import { UsersRepository } from '../users/users.repository';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { SessionsRepository } from './sessions.repository';

@Global()
@Module({
  controllers: [AuthController],
  providers: [AuthService, TokenService, SessionsRepository, UsersRepository, AuthGuard],
  exports: [AuthService, TokenService, SessionsRepository, UsersRepository, AuthGuard],
})
export class AuthModule {}
