/** The entities of the home feed (GET /home), listed in ENTITIES (database/entities.ts). */
export const HOME_ENTITIES = [];
