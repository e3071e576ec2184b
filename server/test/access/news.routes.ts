import { Role } from '@qsgj/shared/enums';
import { png } from '../utils/images';
import { staffSession } from '../utils/factories';
import { ADMIN_ONLY, everyone, type Fixtures, type RouteEntry, uniq } from './kit';

/** A valid article as the admin writes it. */
const newsInput = () => ({
  title: uniq('湘潭经开区企业服务日（矩阵）'),
  summary: '摘要',
  body: '<p>正文</p>',
  source: '湘潭市优化营商环境办公室',
});

/** An article in `status`, written directly (a published one public since a minute ago); its id. */
async function matrixArticle(f: Fixtures, status: 'draft' | 'published'): Promise<string> {
  const p = newsInput();
  const [{ id }] = (await f.t.ds.query(
    `INSERT INTO news_articles (title, summary, body, source, status, published_at)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [p.title, p.summary, p.body, p.source, status, status === 'published' ? new Date(Date.now() - 60_000) : null],
  )) as Array<{ id: string }>;
  return id;
}

let draftWithCover: Promise<{ id: string; fileId: string }> | null = null;
/** A draft with a cover an admin uploaded and attached (once): its cover is staff's to see until it is published. */
function coveredDraft(f: Fixtures): Promise<{ id: string; fileId: string }> {
  draftWithCover ??= (async () => {
    const admin = await staffSession(f.t, Role.ADMIN);
    const up = await f.t.http
      .post('/api/v1/files/images')
      .set(admin.auth)
      .attach('file', png(2, 2), { filename: 'cover.png', contentType: 'image/png' });
    if (up.status !== 201) throw new Error(`upload failed: ${up.status} ${JSON.stringify(up.body)}`);
    const fileId = (up.body as { id: string }).id;
    const res = await f.t.http
      .post('/api/v1/admin/news')
      .set(admin.auth)
      .send({ ...newsInput(), coverFileId: fileId });
    if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: (res.body as { id: string }).id, fileId };
  })();
  return draftWithCover;
}

/** A draft (or its cover): staff read it; to anyone else it does not exist. */
const STAFF_SEE_DRAFTS = { ...everyone(404), otherButler: 200, supervisor: 200, admin: 200 };

/** The routes of 营商动态 (/news, /admin/news) in the access matrix. */
export const NEWS_ROUTES: Record<string, RouteEntry> = {
  // Public: the list and an article (a token, when sent, lets staff see drafts).
  'GET /api/v1/news': { expect: everyone(200) },
  'GET /api/v1/news/{id}': {
    expect: STAFF_SEE_DRAFTS,
    call: async (f) => ({ path: `/api/v1/news/${await matrixArticle(f, 'draft')}` }),
  },
  'GET /api/v1/news/{id}/images/{fileId}': {
    expect: STAFF_SEE_DRAFTS,
    call: async (f) => {
      const { id, fileId } = await coveredDraft(f);
      return { path: `/api/v1/news/${id}/images/${fileId}` };
    },
  },

  // Admins only: the workbench's editor.
  'GET /api/v1/admin/news': { expect: ADMIN_ONLY },
  'POST /api/v1/admin/news': {
    expect: { ...ADMIN_ONLY, admin: 201 },
    call: () => ({ path: '/api/v1/admin/news', body: newsInput() }),
  },
  'GET /api/v1/admin/news/{id}': {
    expect: ADMIN_ONLY,
    call: async (f) => ({ path: `/api/v1/admin/news/${await matrixArticle(f, 'draft')}` }),
  },
  'PATCH /api/v1/admin/news/{id}': {
    expect: ADMIN_ONLY,
    call: async (f) => ({
      path: `/api/v1/admin/news/${await matrixArticle(f, 'draft')}`,
      body: { title: '湘潭经开区企业服务日（修订）' },
    }),
  },
  'POST /api/v1/admin/news/{id}/publish': {
    expect: ADMIN_ONLY,
    call: async (f) => ({ path: `/api/v1/admin/news/${await matrixArticle(f, 'draft')}/publish` }),
  },
  'POST /api/v1/admin/news/{id}/withdraw': {
    expect: ADMIN_ONLY,
    call: async (f) => ({ path: `/api/v1/admin/news/${await matrixArticle(f, 'published')}/withdraw` }),
  },
};
