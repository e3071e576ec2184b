import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CaseMessageEntity } from './case-message.entity';

export type CaseMessageWithAuthor = CaseMessageEntity & { author: { id: string; name: string | null } | null };

/** The one repository of `case_messages`. */
@Injectable()
export class CaseMessagesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(CaseMessageEntity);
  }

  async insert(values: Pick<CaseMessageEntity, 'caseId' | 'authorId' | 'authorKind' | 'content'>, m: EntityManager) {
    const result = await this.repo(m).insert({ ...values });
    return (result.identifiers[0] as { id: string }).id;
  }

  /** The conversation, oldest first. */
  listForCase(caseId: string, manager?: EntityManager): Promise<CaseMessageWithAuthor[]> {
    return this.repo(manager)
      .createQueryBuilder('msg')
      .leftJoin('msg.author', 'u')
      .addSelect(['u.id', 'u.name'])
      .where('msg.case_id = :caseId', { caseId })
      .orderBy('msg.created_at', 'ASC')
      .addOrderBy('msg.id', 'ASC')
      .getMany() as Promise<CaseMessageWithAuthor[]>;
  }
}
