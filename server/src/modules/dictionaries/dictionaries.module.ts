import { Module } from '@nestjs/common';
import { AdminDictionariesController } from './admin-dictionaries.controller';
import { DictionariesController } from './dictionaries.controller';
import { DictionariesRepository } from './dictionaries.repository';
import { DictionariesService } from './dictionaries.service';

/**
 * The admin-managed dictionaries: the public and admin routes, and DictionariesService for the domains that
 * store dictionary values (policies and their import, 一企一档) and must check them.
 */
@Module({
  controllers: [DictionariesController, AdminDictionariesController],
  providers: [DictionariesRepository, DictionariesService],
  exports: [DictionariesService],
})
export class DictionariesModule {}
