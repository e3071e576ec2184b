import { AuditLogEntity } from '../modules/audit/audit-log.entity';
import { IdempotencyKeyEntity } from '../common/idempotency/idempotency-key.entity';
import { RefreshTokenEntity } from '../modules/auth/refresh-token.entity';
import { SessionEntity } from '../modules/auth/session.entity';
import { DepartmentEntity } from '../modules/departments/department.entity';
import { EnterpriseMemberEntity } from '../modules/enterprises/enterprise-member.entity';
import { EnterpriseEntity } from '../modules/enterprises/enterprise.entity';
import { FileEntity } from '../modules/files/file.entity';
import { CaseEntity } from '../modules/cases/case.entity';
import { CaseEventEntity } from '../modules/cases/case-event.entity';
import { CaseMessageEntity } from '../modules/cases/case-message.entity';
import { CaseNoteEntity } from '../modules/cases/case-note.entity';
import { CaseNumberCounterEntity } from '../modules/cases/case-number-counter.entity';
import { WorkingCalendarEntity } from '../modules/cases/working-calendar.entity';
import { CaseRatingEntity } from '../modules/cases/case-rating.entity';
import { CaseFollowUpEntity } from '../modules/cases/case-follow-up.entity';
import { RatingAppealEntity } from '../modules/cases/rating-appeal.entity';
import { NotificationOutboxEntity } from '../modules/notifications/notification-outbox.entity';
import { NotificationEntity } from '../modules/notifications/notification.entity';
import { SubscriptionGrantEntity } from '../modules/notifications/subscription-grant.entity';
import { UserEntity } from '../modules/users/user.entity';
import { DictionaryEntryEntity } from '../modules/dictionaries/dictionary-entry.entity';
import { PolicyEntity } from '../modules/policies/policy.entity';
import { PolicyFavoriteEntity } from '../modules/policies/policy-favorite.entity';
import { PolicySubscriptionEntity } from '../modules/policies/policy-subscription.entity';
import { PolicyPushEntity, PolicyDeliveryEntity } from '../modules/policies/push/push.entities';
import { MARKET_ENTITIES } from '../modules/market/market.entities';
import { EVENT_ENTITIES } from '../modules/events/events.entities';
import { SERVICE_PACKAGE_ENTITIES } from '../modules/service-packages/service-packages.entities';
import { NEWS_ENTITIES } from '../modules/news/news.entities';
import { FAQ_ENTITIES } from '../modules/faq/faq.entities';
import { HOME_ENTITIES } from '../modules/home/home.entities';
import { BUTLER_ADMIN_ENTITIES } from '../modules/butler-admin/butler-admin.entities';

/** Every entity, listed once for the app, the migration check and the tests. */
export const ENTITIES = [
  DepartmentEntity,
  UserEntity,
  EnterpriseEntity,
  EnterpriseMemberEntity,
  SessionEntity,
  RefreshTokenEntity,
  AuditLogEntity,
  IdempotencyKeyEntity,
  NotificationEntity,
  SubscriptionGrantEntity,
  NotificationOutboxEntity,
  FileEntity,
  CaseEntity,
  CaseEventEntity,
  CaseMessageEntity,
  CaseNoteEntity,
  CaseNumberCounterEntity,
  WorkingCalendarEntity,
  CaseRatingEntity,
  CaseFollowUpEntity,
  RatingAppealEntity,
  DictionaryEntryEntity,
  PolicyEntity,
  PolicyFavoriteEntity,
  PolicySubscriptionEntity,
  PolicyPushEntity,
  PolicyDeliveryEntity,
  ...SERVICE_PACKAGE_ENTITIES,
  ...NEWS_ENTITIES,
  ...FAQ_ENTITIES,
  ...HOME_ENTITIES,
  ...BUTLER_ADMIN_ENTITIES,
  ...EVENT_ENTITIES,
  ...MARKET_ENTITIES,
];
