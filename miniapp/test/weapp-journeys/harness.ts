import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { CaseDetail, CaseDetailStaff, LedgerFigures } from '@qsgj/shared/contracts';
import {
  makeCreditCode,
  type SignedIn,
  signInStaff as staffByApi,
  signInWechat as wechatByApi,
} from '../../../server/test/utils/factories';
import { JPEG_3X2, paddedTo, png } from '../../../server/test/utils/images';
import { startTestApp, type TestApp } from '../../../server/test/utils/test-app';
import {
  BUDGETS,
  budgetViolations,
  type LaunchOptions,
  pageFigures,
  type PageVisit,
  WeappRuntime,
} from '../weapp-runtime';
import { excusedBy, type KnownIssue, knownIssue } from './known-issues';

export const ARTIFACTS = join(__dirname, '..', '..', '..', 'artifacts', 'weapp-journeys');

/**
 * One section's journeys on the real weapp build: a real server on a fresh database (demo data
 * seeded) and, per test, a fresh WeChat (empty storage) running dist/weapp in a Node vm.
 */
export interface WeappJourney {
  t: TestApp;
  /** The app of the running test (the last one launched). */
  app: WeappRuntime;
  /** Apps launched by the running test: each must end clean and within budget. */
  launched: WeappRuntime[];
  /** Every page visit of this file's tests, for docs/performance.md. */
  visits: PageVisit[];
  /** Starts the mini-program afresh (closing the previous one), as a new user opening it. */
  launch(options?: Partial<LaunchOptions>): Promise<WeappRuntime>;
  close(): Promise<void>;
}

export async function startWeappJourney(env: Record<string, string> = {}): Promise<WeappJourney> {
  const t = await startTestApp({ SEED_DEMO: 'true', ...env });
  const journey: WeappJourney = {
    t,
    app: undefined as unknown as WeappRuntime,
    launched: [],
    visits: [],
    async launch(options = {}) {
      journey.app?.close();
      journey.app = await WeappRuntime.launch({ apiBase: t.url, ...options });
      journey.launched.push(journey.app);
      return journey.app;
    },
    async close() {
      journey.app?.close();
      writeFigures(journey.visits);
      await t.close();
    },
  };
  return journey;
}

/**
 * This file's per-page figures (largest setData, first meaningful render), in
 * artifacts/weapp-journeys/figures/<file>.json; `node miniapp/test/weapp-journeys/figures.mjs`
 * merges them into the table of docs/performance.md.
 */
function writeFigures(visits: PageVisit[]): void {
  if (!visits.length) return;
  const file = basename(expect.getState().testPath ?? 'journey').replace(/\.weapp\.ts$/, '');
  const dir = join(ARTIFACTS, 'figures');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, `${file}.json`),
    JSON.stringify({ file, budgets: BUDGETS, pages: pageFigures(visits) }, null, 2),
  );
}

/**
 * Runs one journey test. Afterwards every app it launched must be clean (no uncaught error,
 * unimplemented wx call, failed navigation …) and within the budgets, except what a known issue
 * (known-issues.ts) excuses. On failure the current page is written to artifacts/weapp-journeys/<test>.txt
 * and shown in the error.
 */
export function weappTest(name: string, get: () => WeappJourney, fn: () => Promise<void>, timeout = 60_000): void {
  it(name, () => runJourney(name, get(), fn), timeout);
}

/**
 * The test of a known issue: `fn` asserts the right behaviour, and is checked strictly for this issue.
 * It passes while the bug is there (the failure matches the issue's symptom), and fails once the
 * bug is fixed, asking for the known issue to be removed.
 */
export function knownIssueTest(
  id: string,
  name: string,
  get: () => WeappJourney,
  fn: () => Promise<void>,
  timeout = 60_000,
): void {
  const issue = knownIssue(id);
  it(
    `[known issue ${id}] ${name}`,
    async () => {
      let failure: unknown;
      try {
        await runJourney(`known-issue-${id}`, get(), fn, issue);
      } catch (e) {
        failure = e;
      }
      if (!failure)
        throw new Error(`known issue ${id} is fixed: remove it from known-issues.ts and make this a weappTest`);
      // The failure itself, without the page report appended to it.
      const message = (failure as { journeyMessage?: string }).journeyMessage ?? String(failure);
      if (!issue.symptom.test(message)) throw failure;
    },
    timeout,
  );
}

async function runJourney(name: string, j: WeappJourney, fn: () => Promise<void>, strictFor?: KnownIssue) {
  j.launched = [];
  const excused = (line: string, kind: 'problem' | 'budget') => {
    const issue = excusedBy(line, kind);
    return issue !== undefined && issue !== strictFor;
  };
  try {
    await fn();
    for (const app of j.launched) {
      const problems = app.problems.map((p) => `[${p.kind}] ${p.message}`).filter((l) => !excused(l, 'problem'));
      if (problems.length)
        throw new Error(`weapp harness: the app had ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
      const over = budgetViolations(app.visits).filter((l) => !excused(l, 'budget'));
      if (over.length) throw new Error(`weapp budgets exceeded:\n  ${over.join('\n  ')}`);
    }
  } catch (e) {
    const app = j.app;
    if (app) {
      const report = [
        `route: ${app.route}  stack: ${app.pageStack.join(' > ')}`,
        `problems:\n${app.problems.map((p) => `  [${p.kind}] ${p.route}: ${p.message}`).join('\n') || '  none'}`,
        `requests:\n${app.requests.map((r) => `  ${r.method} ${r.path} → ${r.status}`).join('\n')}`,
        `page:\n${safeRender(app)}`,
      ].join('\n');
      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(join(ARTIFACTS, `${name.replace(/[^\w\u4e00-\u9fa5-]+/g, '_').slice(0, 120)}.txt`), report);
      if (e instanceof Error) {
        (e as { journeyMessage?: string }).journeyMessage = e.message;
        e.message += `\n\n${report}`;
      }
    }
    throw e;
  } finally {
    for (const app of j.launched) j.visits.push(...app.visits);
  }
}

function safeRender(app: WeappRuntime): string {
  try {
    return app.render();
  } catch (e) {
    return String(e);
  }
}

/** Signs in as a WeChat user: 微信一键登录 (wx.login → `mock:<name>` → the fake WeChat), then 同意并继续. Ends on 我的. */
export async function signInWechat(app: WeappRuntime, name: string): Promise<void> {
  app.script.loginName = name;
  await app.reLaunch('/packages/account/pages/login/index');
  await app.tap('微信一键登录');
  if (app.route === 'packages/account/pages/privacy/index') await app.tap('同意并继续');
  expectRoute(app, 'pages/me/index');
}

/** Staff sign-in with username and password: the workbench next, or first the forced password change. */
export async function signInStaff(app: WeappRuntime, username: string, password: string): Promise<void> {
  await app.reLaunch('/packages/account/pages/staff-login/index');
  await app.input(app.byClass('staff-login__username'), username);
  await app.input(app.byClass('staff-login__password'), password);
  await app.tap(app.byClass('staff-login__submit'));
}

export function expectRoute(app: WeappRuntime, route: string): void {
  if (app.route !== route)
    throw new Error(
      `expected to be on ${route}, but on ${app.route} (stack ${app.pageStack.join(' > ')})\n${app.render()}`,
    );
}

// ── 诉求: data through the API, shared by the weapp and H5 journeys ───────────────────────────

/** The password of every demo staff account (server/src/database/seeds/demo.ts). */
export const DEMO_PASSWORD = 'Qsgj#2026';

/**
 * Real image files, as a phone's album holds them: a small JPEG (3 × 2) and a photo over 1 MB (a PNG
 * padded to 1.2 MB, which the image picker compresses before uploading in WeChat). `remove()` deletes them.
 */
export function albumPhotos(): { small: string; large: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'qsgj-album-'));
  const small = join(dir, 'IMG_0001.jpg');
  const large = join(dir, 'IMG_0002.png');
  writeFileSync(small, JPEG_3X2);
  writeFileSync(large, paddedTo(png(64, 48), 1200 * 1024));
  return { small, large, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A WeChat user (signed in through the API, privacy agreed) who owns a new enterprise (approved on
 * binding). Its cases go to the coordinating centre (营商中心: 李管家 guanjia, 周主管 zhuguan).
 */
export async function boundOwner(
  t: TestApp,
  wechatName: string,
  enterpriseName: string,
): Promise<SignedIn & { enterpriseId: string }> {
  const owner = await wechatByApi(t, wechatName);
  const res = await t.http
    .post('/api/v1/me/enterprise')
    .set(owner.auth)
    .send({ creditCode: makeCreditCode(), name: enterpriseName, contactName: '周一' });
  if (res.status !== 201 && res.status !== 200)
    throw new Error(`binding failed: ${res.status} ${JSON.stringify(res.body)}`);
  const [row] = await t.ds.query('SELECT id FROM enterprises WHERE name = $1', [enterpriseName]);
  return { ...owner, enterpriseId: row.id as string };
}

/** A demo staff member signed in through the API. */
export function demoStaff(t: TestApp, username: string): Promise<SignedIn> {
  return staffByApi(t, username, DEMO_PASSWORD);
}

/** Uploads one image as `user` (`POST /files/images`): its file id. */
export async function uploadByApi(t: TestApp, user: SignedIn, bytes: Buffer, name = 'photo.jpg'): Promise<string> {
  const res = await t.http.post('/api/v1/files/images').set(user.auth).attach('file', bytes, name);
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** Submits a case as the enterprise (`POST /cases` with a fresh Idempotency-Key). */
export async function submitByApi(
  t: TestApp,
  owner: SignedIn,
  dto: { type: 'consult' | 'complaint'; content: string; category?: string; images?: string[] },
): Promise<CaseDetail> {
  const res = await t.http.post('/api/v1/cases').set(owner.auth).set('Idempotency-Key', randomUUID()).send(dto);
  if (res.status !== 201) throw new Error(`submit failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as CaseDetail;
}

/** One staff transition through the API. */
export async function transitionByApi(
  t: TestApp,
  staff: SignedIn,
  id: string,
  dto: Record<string, unknown>,
): Promise<CaseDetailStaff> {
  const res = await t.http
    .post(`/api/v1/cases/${id}/transitions`)
    .set(staff.auth)
    .set('Idempotency-Key', randomUUID())
    .send(dto);
  if (res.status !== 200 && res.status !== 201)
    throw new Error(`${String(dto.action)} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as CaseDetailStaff;
}

/** The enterprise rates a resolved case through the API. */
export async function rateByApi(t: TestApp, owner: SignedIn, id: string, level: number): Promise<CaseDetail> {
  const res = await t.http
    .post(`/api/v1/cases/${id}/rating`)
    .set(owner.auth)
    .set('Idempotency-Key', randomUUID())
    .send({ level });
  if (res.status !== 200 && res.status !== 201)
    throw new Error(`rating failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as CaseDetail;
}

/** Today in Asia/Shanghai, `YYYY-MM-DD` (the ledger's days). */
export function shanghaiToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The ledger's totals for today, as `staff` sees them (`GET /stats/ledger`). */
export async function ledgerToday(t: TestApp, staff: SignedIn): Promise<LedgerFigures> {
  const day = shanghaiToday();
  const res = await t.http.get(`/api/v1/stats/ledger?from=${day}&to=${day}`).set(staff.auth);
  if (res.status !== 200) throw new Error(`ledger failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.total as LedgerFigures;
}
