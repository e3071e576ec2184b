import type { AdminNewsDetail, AdminNewsItem, NewsCard, NewsDetail, Page } from '@qsgj/shared/contracts';
import { AuditAction, Role } from '@qsgj/shared/enums';
import { NewsService } from '../src/modules/news/news.service';
import { NewsTime } from '../src/modules/news/news-time';
import { png } from './utils/images';
import { makeCreditCode, type SignedIn, signInWechat, staffSession } from './utils/factories';
import { startTestApp, type TestApp } from './utils/test-app';
import { randomUUID } from 'node:crypto';

/**
 * 营商动态: the admin's create / edit / publish (now or scheduled) / withdraw, each audited; what the public sees
 * (drafts, withdrawn and not-yet-due articles → 404), in what order, the view count, covers and validation.
 * The clock the module compares publish times with (NewsTime) is held still, so the boundary is exact.
 */

let seq = 0;
const input = (over: Record<string, unknown> = {}) => {
  seq += 1;
  return {
    title: `湘潭市优化营商环境简报第${seq}期`,
    summary: '本期简报聚焦“一件事一次办”改革进展。',
    body: '<p>正文</p>',
    source: '湘潭市优化营商环境办公室',
    ...over,
  };
};

describe('news', () => {
  let t: TestApp;
  let admin: SignedIn;
  let butler: SignedIn;
  let supervisor: SignedIn;
  let owner: SignedIn;
  /** The moment NewsTime answers; tests move it. */
  let clock = new Date();

  const create = async (over: Record<string, unknown> = {}): Promise<AdminNewsDetail> => {
    const res = await t.http.post('/api/v1/admin/news').set(admin.auth).send(input(over));
    expect(res.status).toBe(201);
    return res.body as AdminNewsDetail;
  };
  const publish = (id: string, body: Record<string, unknown> = {}, who: SignedIn = admin) =>
    t.http.post(`/api/v1/admin/news/${id}/publish`).set(who.auth).send(body);
  const published = async (over: Record<string, unknown> = {}): Promise<AdminNewsDetail> => {
    const n = await create(over);
    const res = await publish(n.id);
    expect(res.status).toBe(200);
    return res.body as AdminNewsDetail;
  };
  const audits = async (id: string) =>
    (await t.ds.query(`SELECT action, actor_id, details FROM audit_log WHERE target_id = $1 ORDER BY id`, [
      id,
    ])) as Array<{ action: string; actor_id: string; details: Record<string, unknown> }>;
  const views = async (id: string) =>
    Number(
      (
        (await t.ds.query(`SELECT view_count FROM news_articles WHERE id = $1`, [id])) as Array<{ view_count: number }>
      )[0].view_count,
    );
  const articleCount = async () =>
    Number(((await t.ds.query(`SELECT count(*)::int AS n FROM news_articles`)) as Array<{ n: number }>)[0].n);
  /** Every public page, walked with `limit`. */
  const walk = async (limit: number): Promise<NewsCard[]> => {
    const all: NewsCard[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 100; i++) {
      const res = await t.http.get('/api/v1/news').query(cursor ? { limit, cursor } : { limit });
      expect(res.status).toBe(200);
      const page = res.body as Page<NewsCard>;
      expect(page.items.length).toBeLessThanOrEqual(limit);
      all.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    return all;
  };
  const upload = async (who: SignedIn): Promise<string> => {
    const res = await t.http
      .post('/api/v1/files/images')
      .set(who.auth)
      .attach('file', png(3, 2), { filename: 'cover.png', contentType: 'image/png' });
    expect(res.status).toBe(201);
    return (res.body as { id: string }).id;
  };

  beforeAll(async () => {
    t = await startTestApp();
    t.app.get(NewsTime).now = () => clock;
    admin = await staffSession(t, Role.ADMIN);
    butler = await staffSession(t, Role.BUTLER);
    supervisor = await staffSession(t, Role.SUPERVISOR);
    owner = await signInWechat(t);
    const res = await t.http
      .post('/api/v1/me/enterprise')
      .set(owner.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ creditCode: makeCreditCode(), name: '湘潭钢铁配套有限公司', contactName: '刘经理' });
    expect(res.status).toBe(201);
  }, 90_000);

  afterAll(async () => {
    await t?.close();
  });

  beforeEach(() => {
    clock = new Date();
  });

  describe('the admin writes', () => {
    it('creates a draft with a sanitised body, audited; the public cannot see it, staff can', async () => {
      const n = await create({
        title: '  湘潭高新区举办政银企对接会  ',
        body: '<p onclick="x()">正文<script>alert(1)</script><a href="javascript:alert(1)">链接</a></p><img src="https://a.cn/x.png" onerror="y()">',
        source: '   ',
        pinned: true,
      });
      expect(n).toMatchObject({
        title: '湘潭高新区举办政银企对接会',
        status: 'draft',
        state: 'draft',
        publishedAt: null,
        pinned: true,
        source: null,
        viewCount: 0,
        cover: null,
        coverFileId: null,
      });
      expect(n.body).toBe('<p>正文<a>链接</a></p><img src="https://a.cn/x.png" />');
      const [row] = (await t.ds.query(`SELECT body, created_by FROM news_articles WHERE id = $1`, [n.id])) as Array<{
        body: string;
        created_by: string;
      }>;
      expect(row).toEqual({ body: n.body, created_by: admin.user.id });
      const [audit] = await audits(n.id);
      expect(audit.action).toBe(AuditAction.NEWS_CREATED);
      expect(audit.actor_id).toBe(admin.user.id);
      expect((audit.details.fields as Record<string, unknown>).title).toBe('湘潭高新区举办政银企对接会');

      expect((await t.http.get(`/api/v1/news/${n.id}`)).status).toBe(404);
      expect((await t.http.get(`/api/v1/news/${n.id}`).set(owner.auth)).status).toBe(404);
      const staffRead = await t.http.get(`/api/v1/news/${n.id}`).set(butler.auth);
      expect(staffRead.status).toBe(200);
      expect((staffRead.body as NewsDetail).state).toBe('draft');
      expect((await walk(50)).map((c) => c.id)).not.toContain(n.id);
      expect(await views(n.id)).toBe(0);
    });

    it('edits: what changed is audited, the status stays; a no-op writes nothing', async () => {
      const n = await published();
      const res = await t.http
        .patch(`/api/v1/admin/news/${n.id}`)
        .set(admin.auth)
        .send({ title: '改后的标题', pinned: true, body: '<p>新<script>x</script></p>' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ title: '改后的标题', pinned: true, status: 'published', body: '<p>新</p>' });
      const again = await t.http.patch(`/api/v1/admin/news/${n.id}`).set(admin.auth).send({ title: '改后的标题' });
      expect(again.status).toBe(200);
      const rows = await audits(n.id);
      expect(rows.map((r) => r.action)).toEqual([
        AuditAction.NEWS_CREATED,
        AuditAction.NEWS_PUBLISHED,
        AuditAction.NEWS_UPDATED,
      ]);
      expect(rows[2].details).toEqual({
        status: 'published',
        changed: { title: '改后的标题', pinned: true, body: { length: '<p>新</p>'.length } },
      });
    });

    it('refuses bad input with 400 and a Chinese message, writing nothing', async () => {
      const before = await articleCount();
      const cases: Array<[Record<string, unknown>, string, string]> = [
        [{ title: undefined }, 'title', '请输入标题'],
        [{ title: '   ' }, 'title', '标题不能只有空格'],
        [{ title: '湘'.repeat(101) }, 'title', '标题不能超过 100 个字符'],
        [{ summary: '摘'.repeat(301) }, 'summary', '摘要不能超过 300 个字符'],
        [{ source: '源'.repeat(51) }, 'source', '来源不能超过 50 个字符'],
        [{ body: 'x'.repeat(50_001) }, 'body', '正文不能超过 50000 个字符'],
        [{ coverFileId: 'abc' }, 'coverFileId', '封面图片编号格式错误'],
        [{ pinned: 'yes' }, 'pinned', '置顶必须是 true 或 false'],
        [{ coverFileId: randomUUID() }, 'coverFileId', '图片不存在，请重新上传'],
      ];
      for (const [over, field, message] of cases) {
        const res = await t.http.post('/api/v1/admin/news').set(admin.auth).send(input(over));
        expect(res.status).toBe(400);
        expect(res.body.message).toBe(message);
        // The upload's check names the file as FilesService does (`coverFileId[0]`).
        expect((res.body.details as Array<{ field: string }>).map((d) => d.field.replace('[0]', ''))).toContain(field);
      }
      // Exactly at the limits it is accepted.
      await create({ title: '湘'.repeat(100), summary: '摘'.repeat(300), source: '源'.repeat(50) });
      expect(await articleCount()).toBe(before + 1);
    });

    it('attaches the admin’s upload as the cover, serves it with the article, and leaves a replaced one for the sweep', async () => {
      const first = await upload(admin);
      const n = await create({ coverFileId: first });
      expect(n.coverFileId).toBe(first);
      expect(n.cover).toBe(`/api/v1/news/${n.id}/images/${first}`);
      // A draft's cover is staff's to see only.
      expect((await t.http.get(n.cover!)).status).toBe(404);
      expect((await t.http.get(n.cover!).set(butler.auth)).status).toBe(200);
      await publish(n.id);
      const img = await t.http.get(n.cover!);
      expect(img.status).toBe(200);
      expect(img.headers['content-type']).toBe('image/png');
      // Not this article's file: 404.
      const other = await published();
      expect((await t.http.get(`/api/v1/news/${other.id}/images/${first}`)).status).toBe(404);

      const second = await upload(admin);
      const res = await t.http.patch(`/api/v1/admin/news/${n.id}`).set(admin.auth).send({ coverFileId: second });
      expect(res.status).toBe(200);
      const files = (await t.ds.query(
        `SELECT id, owner_kind, owner_id FROM files WHERE id = ANY($1) ORDER BY created_at`,
        [[first, second]],
      )) as Array<{ id: string; owner_kind: string | null; owner_id: string | null }>;
      expect(files).toEqual([
        { id: first, owner_kind: null, owner_id: null },
        { id: second, owner_kind: 'news', owner_id: n.id },
      ]);
      expect((await t.http.get(n.cover!)).status).toBe(404);

      // Someone else's upload is refused, and the article keeps its cover.
      const strangers = await upload(owner);
      const refused = await t.http.patch(`/api/v1/admin/news/${n.id}`).set(admin.auth).send({ coverFileId: strangers });
      expect(refused.status).toBe(400);
      expect(refused.body.message).toBe('图片不存在，请重新上传');
      expect((await t.http.get(`/api/v1/admin/news/${n.id}`).set(admin.auth)).body.coverFileId).toBe(second);

      const removed = await t.http.patch(`/api/v1/admin/news/${n.id}`).set(admin.auth).send({ coverFileId: null });
      expect(removed.body).toMatchObject({ cover: null, coverFileId: null });
    });
  });

  describe('publishing', () => {
    it('publishes now: public from this moment, audited; publishing again changes nothing', async () => {
      const n = await create();
      const res = await publish(n.id);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'published', state: 'published', publishedAt: clock.toISOString() });
      expect((await t.http.get(`/api/v1/news/${n.id}`)).status).toBe(200);
      expect((await publish(n.id)).status).toBe(200);
      const rows = await audits(n.id);
      expect(rows.map((r) => r.action)).toEqual([AuditAction.NEWS_CREATED, AuditAction.NEWS_PUBLISHED]);
      expect(rows[1].details).toEqual({ from: 'draft', publishedAt: clock.toISOString(), scheduled: false });
    });

    it('a scheduled article is invisible until its time: one second before, at, and one second after', async () => {
      const n = await create({ pinned: true });
      const at = new Date(clock.getTime() + 3_600_000);
      const res = await publish(n.id, { publishAt: at.toISOString() });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'published', state: 'scheduled', publishedAt: at.toISOString() });
      expect((await audits(n.id))[1].details).toEqual({
        from: 'draft',
        publishedAt: at.toISOString(),
        scheduled: true,
      });

      const latest = () => t.app.get(NewsService).latest(50);
      clock = new Date(at.getTime() - 1000);
      expect((await t.http.get(`/api/v1/news/${n.id}`)).status).toBe(404);
      expect((await t.http.get(`/api/v1/news/${n.id}`).set(owner.auth)).status).toBe(404);
      expect((await walk(50)).map((c) => c.id)).not.toContain(n.id);
      expect((await latest()).map((c) => c.id)).not.toContain(n.id);
      expect((await t.http.get(`/api/v1/news/${n.id}`).set(supervisor.auth)).body.state).toBe('scheduled');
      expect((await t.http.get(`/api/v1/admin/news/${n.id}`).set(admin.auth)).body.state).toBe('scheduled');
      expect(await views(n.id)).toBe(0);

      clock = at;
      expect((await t.http.get(`/api/v1/news/${n.id}`)).status).toBe(200);
      expect((await walk(50)).map((c) => c.id)).toContain(n.id);

      clock = new Date(at.getTime() + 1000);
      const read = await t.http.get(`/api/v1/news/${n.id}`);
      expect(read.status).toBe(200);
      expect((read.body as NewsDetail).state).toBe('published');
      expect((await walk(50))[0].id).toBe(n.id);
      expect((await latest())[0].id).toBe(n.id);
      await t.http.patch(`/api/v1/admin/news/${n.id}`).set(admin.auth).send({ pinned: false });
    });

    it('reschedules or publishes now while scheduled; refuses a past, a too-far or a live article’s schedule', async () => {
      const n = await create();
      const soon = new Date(clock.getTime() + 60_000);
      expect((await publish(n.id, { publishAt: soon.toISOString() })).status).toBe(200);
      const later = new Date(clock.getTime() + 120_000);
      expect((await publish(n.id, { publishAt: later.toISOString() })).body.publishedAt).toBe(later.toISOString());

      const past = await publish(n.id, { publishAt: new Date(clock.getTime() - 1000).toISOString() });
      expect(past.status).toBe(400);
      expect(past.body.message).toBe('定时发布时间不能早于当前时间；立即发布请不填发布时间');
      const far = await publish(n.id, { publishAt: new Date(clock.getTime() + 366 * 86_400_000).toISOString() });
      expect(far.status).toBe(400);
      expect(far.body.message).toBe('定时发布时间不能晚于 365 天之后');
      for (const bad of ['2026-13-01T00:00:00Z', '2026-12-01', 'tomorrow']) {
        const res = await publish(n.id, { publishAt: bad });
        expect(res.status).toBe(400);
        expect(res.body.details[0].field).toBe('publishAt');
        expect(res.body.message).toMatch(/发布时间/);
      }
      expect((await t.http.get(`/api/v1/admin/news/${n.id}`).set(admin.auth)).body.publishedAt).toBe(
        later.toISOString(),
      );

      const now = await publish(n.id);
      expect(now.body).toMatchObject({ state: 'published', publishedAt: clock.toISOString() });
      const live = await publish(n.id, { publishAt: later.toISOString() });
      expect(live.status).toBe(400);
      expect(live.body.message).toBe('文章已发布，不能改为定时发布；如需调整请先撤回');
    });

    it('withdraws: gone for the public, audited once; a draft is refused; re-publishing keeps the first time', async () => {
      const n = await published();
      const firstTime = clock.toISOString();
      const res = await t.http.post(`/api/v1/admin/news/${n.id}/withdraw`).set(admin.auth).send();
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'withdrawn', state: 'withdrawn' });
      expect((await t.http.get(`/api/v1/news/${n.id}`)).status).toBe(404);
      expect((await t.http.get(`/api/v1/news/${n.id}`).set(butler.auth)).status).toBe(200);
      expect((await t.http.post(`/api/v1/admin/news/${n.id}/withdraw`).set(admin.auth).send()).status).toBe(200);
      expect((await audits(n.id)).filter((r) => r.action === AuditAction.NEWS_WITHDRAWN)).toHaveLength(1);

      clock = new Date(clock.getTime() + 60_000);
      const again = await publish(n.id);
      expect(again.body).toMatchObject({ state: 'published', publishedAt: firstTime });

      const draft = await create();
      const refused = await t.http.post(`/api/v1/admin/news/${draft.id}/withdraw`).set(admin.auth).send();
      expect(refused.status).toBe(400);
      expect(refused.body.message).toBe('该文章尚未发布，无需撤回');
    });

    it('answers 404 for an article that does not exist, and 400 for a malformed id', async () => {
      const missing = randomUUID();
      expect((await t.http.get(`/api/v1/news/${missing}`)).status).toBe(404);
      expect((await t.http.get(`/api/v1/news/${missing}`).set(admin.auth)).status).toBe(404);
      expect((await t.http.get(`/api/v1/admin/news/${missing}`).set(admin.auth)).status).toBe(404);
      expect((await t.http.patch(`/api/v1/admin/news/${missing}`).set(admin.auth).send({ title: 'x' })).status).toBe(
        404,
      );
      expect((await publish(missing)).status).toBe(404);
      expect((await t.http.post(`/api/v1/admin/news/${missing}/withdraw`).set(admin.auth).send()).status).toBe(404);
      expect((await t.http.get('/api/v1/news/not-a-uuid')).status).toBe(400);
    });
  });

  describe('reading', () => {
    it('counts one view per public read (visitor or enterprise) in the row, none for staff', async () => {
      const n = await published();
      const a = await t.http.get(`/api/v1/news/${n.id}`);
      expect(a.body.viewCount).toBe(1);
      await t.http.get(`/api/v1/news/${n.id}`).set(owner.auth);
      expect(await views(n.id)).toBe(2);
      for (const staff of [butler, supervisor, admin]) {
        const r = await t.http.get(`/api/v1/news/${n.id}`).set(staff.auth);
        expect(r.status).toBe(200);
        expect(r.body.viewCount).toBe(2);
      }
      await t.http.get(`/api/v1/admin/news/${n.id}`).set(admin.auth);
      expect(await views(n.id)).toBe(2);
      // Concurrent reads each count: one atomic UPDATE, no lost increments.
      await Promise.all(Array.from({ length: 5 }, () => t.http.get(`/api/v1/news/${n.id}`)));
      expect(await views(n.id)).toBe(7);
      const card = (await walk(50)).find((c) => c.id === n.id)!;
      expect(card.viewCount).toBe(7);
      // The count is not a change: updated_at (the workbench's order) stays.
      const [row] = (await t.ds.query(`SELECT updated_at FROM news_articles WHERE id = $1`, [n.id])) as Array<{
        updated_at: Date;
      }>;
      expect(row.updated_at.toISOString()).toBe(
        (await t.http.get(`/api/v1/admin/news/${n.id}`).set(admin.auth)).body.updatedAt,
      );
    });

    it('pages pinned first, then the newest publish time, never repeating or skipping; limit at most 50', async () => {
      const base = clock.getTime() - 10 * 86_400_000;
      const made: string[] = [];
      for (let i = 0; i < 7; i++) {
        clock = new Date(base + i * 3_600_000);
        made.push((await published({ pinned: i === 1 || i === 4 })).id);
      }
      clock = new Date();
      const walked = await walk(2);
      const ids = walked.map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(walked).toEqual(await walk(50));
      // The whole list in its order: pinned (true before false), then publishedAt desc, then id desc.
      const rows = (await t.ds.query(
        `SELECT id FROM news_articles WHERE status = 'published' AND published_at <= $1
         ORDER BY pinned DESC, published_at DESC, id DESC`,
        [clock],
      )) as Array<{ id: string }>;
      expect(ids).toEqual(rows.map((r) => r.id));
      const mine = ids.filter((id) => made.includes(id));
      expect(mine).toEqual([made[4], made[1], made[6], made[5], made[3], made[2], made[0]]);
      for (let i = 1; i < walked.length; i++) {
        const [p, c] = [walked[i - 1], walked[i]];
        if (p.pinned === c.pinned) expect(p.publishedAt >= c.publishedAt).toBe(true);
        else expect(p.pinned).toBe(true);
      }
      const latest = await t.app.get(NewsService).latest(3);
      expect(latest).toEqual(walked.slice(0, 3));

      const tooMany = await t.http.get('/api/v1/news?limit=51');
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.message).toBe('每页最多 50 条');
      const badCursor = await t.http.get('/api/v1/news?cursor=abc');
      expect(badCursor.status).toBe(400);
      expect(badCursor.body.message).toBe('游标格式错误');
      await t.ds.query(`UPDATE news_articles SET pinned = false WHERE id = ANY($1)`, [made]);
    });

    it('the workbench lists every status, the latest change first, and filters by status', async () => {
      const d = await create();
      const p = await published();
      const res = await t.http.get('/api/v1/admin/news?limit=50').set(admin.auth);
      expect(res.status).toBe(200);
      const items = (res.body as Page<AdminNewsItem>).items;
      expect(items[0].id).toBe(p.id);
      expect(items[1].id).toBe(d.id);
      const drafts = (await t.http.get('/api/v1/admin/news?status=draft&limit=50').set(admin.auth))
        .body as Page<AdminNewsItem>;
      expect(drafts.items.every((i) => i.status === 'draft')).toBe(true);
      expect(drafts.items.map((i) => i.id)).toContain(d.id);
      const bad = await t.http.get('/api/v1/admin/news?status=gone').set(admin.auth);
      expect(bad.status).toBe(400);
      expect(bad.body.message).toBe('状态只能是 draft、published、withdrawn 或 all');
    });
  });
});
