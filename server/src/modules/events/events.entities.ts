import { EventRegistrationEntity } from './event-registration.entity';
import { EventEntity } from './event.entity';

/** The entities of 潭商讲堂 events, registrations, waitlist, check-in and reminders (issue 12), listed in ENTITIES (database/entities.ts). */
export const EVENT_ENTITIES = [EventEntity, EventRegistrationEntity];
