import { Module } from '@nestjs/common';

/** butler assignment, bulk reassignment and deactivation with handover (issue 11). */
@Module({})
export class ButlerAdminModule {}
