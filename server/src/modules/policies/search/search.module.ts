import { Module } from '@nestjs/common';

/** Policy search (bigram index, jieba ranking, highlights). STUB — the search helper fills it; exports PolicySearchService. */
@Module({ providers: [], exports: [] })
export class PolicySearchModule {}
