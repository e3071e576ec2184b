import { ServicePackageEntity } from './service-package.entity';

/** The entities of 惠企服务 (/service-packages, /admin/service-packages) and 一键申报 from a matched policy, listed in ENTITIES (database/entities.ts). */
export const SERVICE_PACKAGE_ENTITIES = [ServicePackageEntity];
