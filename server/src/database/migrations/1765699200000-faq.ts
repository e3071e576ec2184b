import type { MigrationInterface, QueryRunner } from 'typeorm';

/** 常见问题 (/faq, staff review) and the consultation form's suggestions (issue 11). */
export class Faq1765699200000 implements MigrationInterface {
  name = 'Faq1765699200000';

  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
