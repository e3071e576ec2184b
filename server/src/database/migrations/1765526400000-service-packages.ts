import type { MigrationInterface, QueryRunner } from 'typeorm';

/** 惠企服务 (/service-packages, /admin/service-packages) and 一键申报 from a matched policy (issue 11). */
export class ServicePackages1765526400000 implements MigrationInterface {
  name = 'ServicePackages1765526400000';

  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
