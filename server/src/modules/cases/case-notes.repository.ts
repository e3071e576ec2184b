import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CaseNoteEntity } from './case-note.entity';

export type CaseNoteWithAuthor = CaseNoteEntity & { author: { id: string; name: string | null } | null };

/** The one repository of `case_notes` (staff only: only the staff view reads it). */
@Injectable()
export class CaseNotesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(CaseNoteEntity);
  }

  async insert(values: Pick<CaseNoteEntity, 'caseId' | 'authorId' | 'content'>, m: EntityManager): Promise<string> {
    const result = await this.repo(m).insert({ ...values });
    return (result.identifiers[0] as { id: string }).id;
  }

  listForCase(caseId: string, manager?: EntityManager): Promise<CaseNoteWithAuthor[]> {
    return this.repo(manager)
      .createQueryBuilder('n')
      .leftJoin('n.author', 'u')
      .addSelect(['u.id', 'u.name'])
      .where('n.case_id = :caseId', { caseId })
      .orderBy('n.created_at', 'ASC')
      .addOrderBy('n.id', 'ASC')
      .getMany() as Promise<CaseNoteWithAuthor[]>;
  }
}
