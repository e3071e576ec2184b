import type { Role } from '@qsgj/shared/enums';

/** Who is making a request, as the guard established it. */
export interface Actor {
  id: string;
  role: Role;
  sessionId: string;
  departmentId: string | null;
}

/** Where a request came from, for audit rows. */
export interface RequestMeta {
  ip: string | null;
  requestId: string;
}
