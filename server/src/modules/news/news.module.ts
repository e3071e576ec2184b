import { Module } from '@nestjs/common';
import { FilesModule } from '../files/files.module';
import { AdminNewsController } from './admin-news.controller';
import { AdminNewsService } from './admin-news.service';
import { NewsController } from './news.controller';
import { NewsRepository } from './news.repository';
import { NewsService } from './news.service';
import { NewsTime } from './news-time';

/**
 * 营商动态 (issue 11): the public list and articles (/news), the workbench's editor (/admin/news), and
 * `NewsService.latest` for the home feed. Covers are uploads attached through the files module.
 */
@Module({
  imports: [FilesModule],
  controllers: [NewsController, AdminNewsController],
  providers: [NewsRepository, NewsTime, NewsService, AdminNewsService],
  exports: [NewsService],
})
export class NewsModule {}
