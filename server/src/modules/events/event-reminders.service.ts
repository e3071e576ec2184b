import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { NotificationService } from '../notifications/notification.service';
import { EventClock } from './event-clock';
import { reminderNotice } from './event-notices';
import { EventsRepository } from './events.repository';

/** Reminders claimed and sent per transaction. */
export const REMINDER_BATCH = 200;

export interface ReminderResult {
  day: number;
  hour: number;
}

/**
 * Event reminders: the day before and the hour before, to every confirmed registrant, by
 * inbox and — where granted — a WeChat subscribe message (NotificationKind.LECTURE). Every process with
 * NOTIFICATION_WORKER=on polls every NOTIFICATION_POLL_MS; each batch claims its registrations in the database
 * (`UPDATE … SET reminded_*_at … FOR UPDATE SKIP LOCKED`, only rows still unclaimed) and writes their notices in the
 * same transaction, so however many processes poll, each reminder is sent once — and a failed batch, rolled back,
 * is claimed again by the next poll.
 */
@Injectable()
export class EventRemindersService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('EventReminders');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: EventsRepository,
    private readonly clock: EventClock,
    private readonly notifications: NotificationService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.NOTIFICATION_WORKER !== 'on') return;
    this.timer = setInterval(() => this.tick(), Math.max(this.config.NOTIFICATION_POLL_MS, 1000));
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private tick(): void {
    if (this.stopped || this.running) return; // one round at a time per process
    this.running = this.sendDue()
      .catch((e: Error) => this.logger.warn({ reason: e.message }, 'Event reminders failed; the next poll retries'))
      .finally(() => (this.running = null));
  }

  /** Sends every reminder due now (the hour-before ones first: they make the day-before one moot). */
  async sendDue(): Promise<ReminderResult> {
    const now = await this.clock.now();
    const result: ReminderResult = { day: 0, hour: 0 };
    for (const kind of ['hour', 'day'] as const) {
      for (;;) {
        if (this.stopped) return result;
        const sent = await this.dataSource.transaction(async (m) => {
          const claimed = await this.repo.claimReminders(kind, now, REMINDER_BATCH, m);
          await this.notifications.notifyMany(
            m,
            claimed.map((r) =>
              reminderNotice(
                r.userId,
                { id: r.eventId, title: r.title, startsAt: r.startsAt, place: r.place, onlineUrl: r.onlineUrl },
                kind,
              ),
            ),
          );
          return claimed.length;
        });
        result[kind] += sent;
        if (sent < REMINDER_BATCH) break;
      }
    }
    if (result.day + result.hour > 0) this.logger.log(result, 'Event reminders sent');
    return result;
  }
}
