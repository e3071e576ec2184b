import { Module } from '@nestjs/common';
import { DepartmentsModule } from '../departments/departments.module';
import { AdminAuditRepository } from './admin-audit.repository';
import { AdminAuditService } from './admin-audit.service';
import { AdminDepartmentsService } from './admin-departments.service';
import { AdminEnterprisesRepository } from './admin-enterprises.repository';
import { AdminEnterprisesService } from './admin-enterprises.service';
import { AdminStaffService } from './admin-staff.service';
import { AdminController } from './admin.controller';

/** Departments, staff accounts, butler assignment and the audit log — admins only. (UsersRepository and SessionsRepository come from the global AuthModule.) */
@Module({
  imports: [DepartmentsModule],
  controllers: [AdminController],
  providers: [
    AdminDepartmentsService,
    AdminStaffService,
    AdminEnterprisesService,
    AdminAuditService,
    AdminEnterprisesRepository,
    AdminAuditRepository,
  ],
})
export class AdminModule {}
