import { Init1764144000000 } from './1764144000000-init';

/** Every migration, in order. Listed explicitly so the same list works from ts (tests) and js (dist). */
export const MIGRATIONS = [Init1764144000000];
