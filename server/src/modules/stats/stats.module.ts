import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { StatsController } from './stats.controller';
import { StatsRepository } from './stats.repository';
import { StatsService } from './stats.service';

/** 工作台账 and the public figures, read from the cases module's tables (docs/cases.md "Ledger"). */
@Module({
  imports: [CasesModule],
  controllers: [StatsController],
  providers: [StatsRepository, StatsService],
})
export class StatsModule {}
