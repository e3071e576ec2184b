import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last case number given on each Shanghai day (QS20261130-0007): one row per day, bumped atomically. */
@Entity('case_number_counters')
export class CaseNumberCounterEntity {
  @PrimaryColumn({ type: 'date' })
  day: string;

  @Column({ name: 'last_number', type: 'int' })
  lastNumber: number;
}
