import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 惠企服务 (/service-packages, /admin/service-packages) and 一键申报 from a matched policy (issue 11): packages with
 * a provider department, eligibility lists as policies have them, materials and a time limit in working days. An
 * application is a `service` case: `cases.service_package_id` names its package (indexed for the package's
 * figures), `cases.application` keeps what it was made for and what the enterprise qualified by.
 */
export class ServicePackages1765526400000 implements MigrationInterface {
  name = 'ServicePackages1765526400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "service_packages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(50) NOT NULL, "department_id" uuid NOT NULL, "description" text NOT NULL, "industries" text array NOT NULL DEFAULT '{}', "scales" text array NOT NULL DEFAULT '{}', "districts" text array NOT NULL DEFAULT '{}', "qualifications" text array NOT NULL DEFAULT '{}', "materials" text array NOT NULL DEFAULT '{}', "time_limit_days" integer NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d602a30f23af1a0ecf7c8e994df" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "uq_service_packages_name" ON "service_packages"  ("name") `);
    await q.query(`CREATE INDEX "idx_service_packages_updated" ON "service_packages"  ("updated_at", "id") `);
    await q.query(
      `CREATE INDEX "idx_service_packages_department_created" ON "service_packages"  ("department_id", "created_at", "id") `,
    );
    await q.query(
      `CREATE INDEX "idx_service_packages_active_created" ON "service_packages"  ("created_at", "id") WHERE active = true`,
    );
    await q.query(`ALTER TABLE "cases" ADD "service_package_id" uuid`);
    await q.query(`ALTER TABLE "cases" ADD "application" jsonb`);
    await q.query(
      `CREATE INDEX "idx_cases_service_package" ON "cases"  ("service_package_id") WHERE service_package_id IS NOT NULL`,
    );
    await q.query(
      `ALTER TABLE "service_packages" ADD CONSTRAINT "fk_service_packages_department" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "service_packages" ADD CONSTRAINT "fk_service_packages_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "cases" ADD CONSTRAINT "fk_cases_service_package" FOREIGN KEY ("service_package_id") REFERENCES "service_packages"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "cases" DROP CONSTRAINT "fk_cases_service_package"`);
    await q.query(`DROP INDEX "idx_cases_service_package"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "application"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "service_package_id"`);
    await q.query(`DROP TABLE "service_packages"`);
  }
}
