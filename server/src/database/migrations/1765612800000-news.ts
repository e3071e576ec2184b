import type { MigrationInterface, QueryRunner } from 'typeorm';

/** 营商动态 (/news, /admin/news) (issue 11). */
export class News1765612800000 implements MigrationInterface {
  name = 'News1765612800000';

  async up(_q: QueryRunner): Promise<void> {}

  async down(_q: QueryRunner): Promise<void> {}
}
