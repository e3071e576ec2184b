import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ButlerAdminModule } from '../butler-admin/butler-admin.module';
import { DepartmentsModule } from '../departments/departments.module';
import { UsersModule } from '../users/users.module';
import { AdminStaffController } from './admin-staff.controller';
import { StaffService } from './staff.service';

/** Staff accounts: the admin's routes, and StaffService for the domains that assign staff (enterprises). */
@Module({
  imports: [UsersModule, AuthModule, DepartmentsModule, ButlerAdminModule],
  controllers: [AdminStaffController],
  providers: [StaffService],
  exports: [StaffService],
})
export class StaffModule {}
