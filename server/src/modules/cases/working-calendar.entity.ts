import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * One year of the official schedule: every day off (weekend days inside a holiday included) and every
 * make-up working day (调休). Seeded from the `chinese-days` data by the migration; admins enter the years
 * the State Council publishes later (`PUT /admin/calendar/:year`). A year without a row counts weekends only.
 */
@Entity('working_calendar')
export class WorkingCalendarEntity {
  @PrimaryColumn({ type: 'int' })
  year: number;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  holidays: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  workdays: string[];

  /** The admin who last entered it; null when seeded. */
  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
