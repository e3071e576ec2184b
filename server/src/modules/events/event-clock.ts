import { Injectable } from '@nestjs/common';
import { EventsRepository } from './events.repository';

/**
 * The instant the event rules compare with (sign-up deadlines, starts, check-in codes, reminders): the database's
 * now(), never the process's, so every process judges a deadline by one clock. A provider of its own so tests can
 * stand the rules on a chosen instant (`app.get(EventClock).now = async () => at`).
 */
@Injectable()
export class EventClock {
  constructor(private readonly repo: EventsRepository) {}

  now(): Promise<Date> {
    return this.repo.databaseNow();
  }
}
