import { Module } from '@nestjs/common';

/** 营商动态 (/news, /admin/news) (issue 11). */
@Module({})
export class NewsModule {}
