import { Module } from '@nestjs/common';
import { PolicySearchService } from './policy-search.service';

/** Policy search (bigram index, jieba ranking, highlights): `PolicySearchService`. */
@Module({ providers: [PolicySearchService], exports: [PolicySearchService] })
export class PolicySearchModule {}
