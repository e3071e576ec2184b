import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { DictionariesModule } from '../dictionaries/dictionaries.module';
import { PolicySearchModule } from '../policies/search/search.module';
import { FaqController } from './faq.controller';
import { FaqRepository } from './faq.repository';
import { FaqService } from './faq.service';
import { StaffFaqController } from './staff-faq.controller';

/** 常见问题 (/faq, staff review) and the consultation form's suggestions (issue 11). */
@Module({
  imports: [CasesModule, DictionariesModule, PolicySearchModule],
  controllers: [FaqController, StaffFaqController],
  providers: [FaqRepository, FaqService],
})
export class FaqModule {}
