import { EnterpriseButlerChangeEntity } from './enterprise-butler-change.entity';

/** The entities of butler assignment, bulk reassignment and deactivation with handover, listed in ENTITIES (database/entities.ts). */
export const BUTLER_ADMIN_ENTITIES = [EnterpriseButlerChangeEntity];
