import type { MigrationInterface, QueryRunner } from 'typeorm';

/** butler assignment, bulk reassignment and deactivation with handover (issue 11). */
export class ButlerHandovers1765785600000 implements MigrationInterface {
  name = 'ButlerHandovers1765785600000';

  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
