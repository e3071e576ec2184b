/** The push's tables (listed in `database/entities.ts` through this one import). */
export { PolicyPushEntity } from './policy-push.entity';
export { PolicyDeliveryEntity } from './policy-delivery.entity';
