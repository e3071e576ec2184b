import { Module } from '@nestjs/common';
import { AdminDepartmentsController } from './admin-departments.controller';
import { DepartmentsRepository } from './departments.repository';
import { DepartmentsService } from './departments.service';

/** Departments: the admin's routes, and DepartmentsService for the domains that refer to one. */
@Module({
  controllers: [AdminDepartmentsController],
  providers: [DepartmentsRepository, DepartmentsService],
  exports: [DepartmentsService],
})
export class DepartmentsModule {}
