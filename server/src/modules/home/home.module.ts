import { Module } from '@nestjs/common';

/** the home feed (GET /home) (issue 11). */
@Module({})
export class HomeModule {}
