import { newPolicy } from '../medium/policy-push.fixtures';
import { ADMIN_ONLY, type Fixtures, type RouteEntry } from './kit';

/** A draft policy and a finished push of another one, made for the matrix (once). */
let made: Promise<{ draftId: string; pushId: string }> | null = null;
function matrixPush(f: Fixtures): Promise<{ draftId: string; pushId: string }> {
  made ??= (async () => {
    const draftId = await newPolicy(f.t.ds, { status: 'draft' });
    const publishedId = await newPolicy(f.t.ds);
    const [{ id }] = (await f.t.ds.query(
      `INSERT INTO policy_pushes (policy_id, status, finished_at) VALUES ($1, 'done', now()) RETURNING id`,
      [publishedId],
    )) as Array<{ id: string }>;
    return { draftId, pushId: id };
  })();
  return made;
}

/** The pushes routes of the access matrix: the workbench's publish confirmation and progress page, admins only. */
export const PUSH_ROUTES: Record<string, RouteEntry> = {
  'GET /api/v1/admin/pushes/{id}': {
    expect: ADMIN_ONLY,
    call: async (f) => ({ path: `/api/v1/admin/pushes/${(await matrixPush(f)).pushId}` }),
  },
  'GET /api/v1/admin/policies/{id}/audience': {
    expect: ADMIN_ONLY,
    call: async (f) => ({ path: `/api/v1/admin/policies/${(await matrixPush(f)).draftId}/audience` }),
  },
};
