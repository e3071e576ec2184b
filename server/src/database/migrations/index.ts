import { Init1764144000000 } from './1764144000000-init';
import { OneApprovedOwner1764230400000 } from './1764230400000-one-approved-owner';
import { Notifications1764316800000 } from './1764316800000-notifications';
import { IdempotencyKeys1764403200000 } from './1764403200000-idempotency-keys';
import { OutboxActiveIndex1764489600000 } from './1764489600000-outbox-active-index';
import { EnterpriseOwnership1764576000000 } from './1764576000000-enterprise-ownership';
import { Files1764835200000 } from './1764835200000-files';
import { Cases1764921600000 } from './1764921600000-cases';
import { CaseRatings1765094400000 } from './1765094400000-case-ratings';
import { CaseSweep1765008000000 } from './1765008000000-case-sweep';
import { CaseQueueIndexes1765180800000 } from './1765180800000-case-queue-indexes';
import { CaseLedgerFacts1765267200000 } from './1765267200000-case-ledger-facts';
import { Policies1765353600000 } from './1765353600000-policies';
import { PolicyPushes1765440000000 } from './1765440000000-policy-pushes';
import { Market1766044800000 } from './1766044800000-market';
import { Events1765958400000 } from './1765958400000-events';
import { ServicePackages1765526400000 } from './1765526400000-service-packages';
import { News1765612800000 } from './1765612800000-news';
import { Faq1765699200000 } from './1765699200000-faq';
import { ButlerHandovers1765785600000 } from './1765785600000-butler-handovers';

/** Every migration, in order. Listed explicitly so the same list works from ts (tests) and js (dist). */
export const MIGRATIONS = [
  Init1764144000000,
  OneApprovedOwner1764230400000,
  Notifications1764316800000,
  IdempotencyKeys1764403200000,
  OutboxActiveIndex1764489600000,
  EnterpriseOwnership1764576000000,
  Files1764835200000,
  Cases1764921600000,
  CaseSweep1765008000000,
  CaseRatings1765094400000,
  CaseQueueIndexes1765180800000,
  CaseLedgerFacts1765267200000,
  Policies1765353600000,
  PolicyPushes1765440000000,
  ServicePackages1765526400000,
  News1765612800000,
  Faq1765699200000,
  ButlerHandovers1765785600000,
  Events1765958400000,
  Market1766044800000,
];
