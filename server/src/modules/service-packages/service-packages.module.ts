import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { DepartmentsModule } from '../departments/departments.module';
import { DictionariesModule } from '../dictionaries/dictionaries.module';
import { EnterprisesModule } from '../enterprises/enterprises.module';
import { AdminServicePackagesController } from './admin-service-packages.controller';
import { AdminServicePackagesService } from './admin-service-packages.service';
import { Applicants } from './applicants';
import { PolicyApplicationsController } from './policy-applications.controller';
import { PolicyApplicationsRepository } from './policy-applications.repository';
import { PolicyApplicationsService } from './policy-applications.service';
import { ServicePackagesController } from './service-packages.controller';
import { ServicePackagesRepository } from './service-packages.repository';
import { ServicePackagesService } from './service-packages.service';

/**
 * 惠企服务 (/service-packages, /admin/service-packages) and 一键申报 from a matched policy (issue 11): applications
 * become `service` cases through CasesService.apply.
 */
@Module({
  imports: [CasesModule, DepartmentsModule, DictionariesModule, EnterprisesModule],
  controllers: [ServicePackagesController, AdminServicePackagesController, PolicyApplicationsController],
  providers: [
    ServicePackagesRepository,
    PolicyApplicationsRepository,
    Applicants,
    ServicePackagesService,
    AdminServicePackagesService,
    PolicyApplicationsService,
  ],
})
export class ServicePackagesModule {}
