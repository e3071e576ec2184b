import type { EntityManager } from 'typeorm';
import type { EventKind, EventMaterial } from '@qsgj/shared/contracts';

/**
 * The demo city's (湘潭) 潭商讲堂: past events with replays, upcoming ones (one with a seat or so left, one full with a
 * waitlist, a 企业接待日 with a topic raised, an online training, a 轻骑兵 tour for one district). Times are relative
 * to the seed's run. Identified by title: a second run adds only what is missing and changes nothing present.
 * Registrations come from the two demo enterprise users of 企业商圈 (demo-market.ts), when present, and only for
 * events added in this run — so each event's counters are those of its own rows.
 */

interface DemoEvent {
  kind: EventKind;
  title: string;
  description: string;
  speakers: string;
  /** Days from the seed's run to the start (negative: past), at `hour`:`minute` Asia/Shanghai. */
  inDays: number;
  hour: number;
  minute?: number;
  hours: number;
  place: string | null;
  lat?: number;
  lng?: number;
  onlineUrl?: string;
  capacity: number;
  department: string;
  audienceDistricts?: string[];
  materials?: EventMaterial[];
  replayUrl?: string;
  /** Registrations by the demo users, in arrival order (confirmed while seats remain, then waitlisted). */
  registrants?: Array<{ openid: string; topic?: string }>;
}

const PAPER = 'demo-market-paper';
const LOGISTICS = 'demo-market-logistics';
const CIVIC_CENTRE = { place: '湘潭市民之家三楼报告厅（岳塘区芙蓉中路）', lat: 27.8297, lng: 112.9442 };

export const DEMO_EVENTS: DemoEvent[] = [
  {
    kind: 'lecture',
    title: '增值税留抵退税政策解读会',
    description: '市税务局业务骨干解读留抵退税最新口径、申报流程与常见问题，现场一对一答疑。',
    speakers: '国家税务总局湘潭市税务局 货物和劳务税科 王科长',
    inDays: -20,
    hour: 14,
    minute: 30,
    hours: 2,
    ...CIVIC_CENTRE,
    capacity: 120,
    department: '税务',
    materials: [{ name: '留抵退税政策汇编（PDF）', url: 'https://example.com/xiangtan/tax-refund-2026.pdf' }],
    replayUrl: 'https://example.com/xiangtan/replay/tax-refund-2026',
  },
  {
    kind: 'policy_tour',
    title: '亲清政企“轻骑兵”走进湘潭高新区',
    description: '市直 8 个部门组成政策宣讲“轻骑兵”，走进园区企业讲政策、听诉求、解难题。',
    speakers: '市优化营商环境协调事务中心、市工信局、市人社局、市税务局等 8 个部门负责同志',
    inDays: -10,
    hour: 9,
    hours: 3,
    place: '湘潭高新区创新创业服务中心一楼多功能厅',
    lat: 27.8614,
    lng: 112.8836,
    capacity: 80,
    department: '营商中心',
    materials: [{ name: '惠企政策明白卡', url: 'https://example.com/xiangtan/policy-card.pdf' }],
    replayUrl: 'https://example.com/xiangtan/replay/light-cavalry-hitech',
  },
  {
    kind: 'training',
    title: '企业合规经营与劳动用工风险防范培训',
    description: '律师与人社部门讲解劳动合同、社保缴纳、用工风险等合规要点。',
    speakers: '湖南湘潭律师协会 刘律师；市人社局 劳动关系科',
    inDays: -5,
    hour: 14,
    hours: 2,
    ...CIVIC_CENTRE,
    capacity: 100,
    department: '人社',
    materials: [{ name: '劳动用工合规指引', url: 'https://example.com/xiangtan/labour-compliance.pdf' }],
  },
  {
    kind: 'training',
    title: '跨境电商出海实务（线上直播）',
    description: '平台规则、海外仓、收结汇与出口退税一站式讲解，线上直播可回看。',
    speakers: '湘潭综合保税区 跨境电商服务中心',
    inDays: 4,
    hour: 19,
    hours: 1.5,
    place: null,
    onlineUrl: 'https://example.com/xiangtan/live/cross-border',
    capacity: 500,
    department: '发改',
  },
  {
    kind: 'lecture',
    title: '“专精特新”中小企业认定申报辅导',
    description: '解读省级“专精特新”中小企业认定条件与材料要求，现场预审申报材料。名额有限。',
    speakers: '市工业和信息化局 中小企业科 陈科长',
    inDays: 6,
    hour: 9,
    minute: 30,
    hours: 2,
    place: '湘潭市工业和信息化局五楼会议室',
    lat: 27.8289,
    lng: 112.9391,
    capacity: 3,
    department: '工信',
    registrants: [{ openid: PAPER }, { openid: LOGISTICS }],
  },
  {
    kind: 'lecture',
    title: '知识产权质押融资银企对接会',
    description: '银行、评估机构现场对接，专利商标可质押融资。本场已满，可报名候补。',
    speakers: '市市场监督管理局（知识产权局）、5 家合作银行',
    inDays: 9,
    hour: 14,
    hours: 2,
    ...CIVIC_CENTRE,
    capacity: 1,
    department: '市场监管',
    registrants: [{ openid: LOGISTICS }, { openid: PAPER }],
  },
  {
    kind: 'reception_day',
    title: '十二月企业接待日（市领导接待）',
    description: '市领导与相关部门负责同志现场接待企业，面对面听取诉求，能现场解决的现场解决，不能的转交部门限时办理。',
    speakers: '市人民政府副市长；市发改委、市自然资源和规划局、市行政审批服务局负责同志',
    inDays: 12,
    hour: 9,
    hours: 3,
    place: '湘潭市人民政府二楼接待室',
    lat: 27.8295,
    lng: 112.9445,
    capacity: 20,
    department: '营商中心',
    registrants: [{ openid: PAPER, topic: '新厂房消防验收排队时间较长，希望协调加快验收，以便年底前投产。' }],
  },
  {
    kind: 'policy_tour',
    title: '“轻骑兵”政策宣讲进岳塘经开区',
    description: '面向岳塘区企业的专场宣讲：稳岗返还、技改补贴、首贷奖励等政策现场解读与申报指导。',
    speakers: '岳塘区营商办、区人社局、区工信局',
    inDays: 15,
    hour: 9,
    minute: 30,
    hours: 2.5,
    place: '岳塘经开区企业服务中心三楼',
    lat: 27.8541,
    lng: 112.9876,
    capacity: 60,
    department: '营商中心',
    audienceDistricts: ['岳塘区'],
  },
];

const DAY_MS = 86_400_000;

/** `inDays` days from `now` at hour:minute Asia/Shanghai (UTC+8). */
function at(now: Date, inDays: number, hour: number, minute = 0): Date {
  const shanghai = new Date(now.getTime() + 8 * 3_600_000);
  const day = Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth(), shanghai.getUTCDate());
  return new Date(day + inDays * DAY_MS + (hour - 8) * 3_600_000 + minute * 60_000);
}

/** Adds the demo events that are missing (by title), published, with their registrations. Returns how many. */
export async function seedDemoEvents(m: EntityManager, createdBy: string | null, now = new Date()): Promise<number> {
  // Titles are not unique in the table: two processes seeding at once queue here (until the caller's transaction ends).
  await m.query(`SELECT pg_advisory_xact_lock(hashtext('seed:demo-events'))`);
  const titles = DEMO_EVENTS.map((e) => e.title);
  const present = new Set(
    (
      (await m.query(`SELECT title FROM events WHERE title = ANY($1::text[])`, [titles])) as Array<{ title: string }>
    ).map((r) => r.title),
  );
  const missing = DEMO_EVENTS.filter((e) => !present.has(e.title));
  if (missing.length === 0) return 0;
  const departments = new Map(
    ((await m.query(`SELECT id, short_name FROM departments`)) as Array<{ id: string; short_name: string }>).map(
      (d) => [d.short_name, d.id],
    ),
  );
  const params: unknown[] = [];
  const tuples = missing.map((e) => {
    const starts = at(now, e.inDays, e.hour, e.minute);
    const ends = new Date(starts.getTime() + e.hours * 3_600_000);
    const deadline = at(now, e.inDays - 1, 18); // 18:00 the day before
    const values = [
      e.kind,
      e.title,
      e.description,
      e.speakers,
      starts,
      ends,
      deadline,
      e.place,
      e.lat ?? null,
      e.lng ?? null,
      e.onlineUrl ?? null,
      e.capacity,
      e.audienceDistricts ?? [],
      departments.get(e.department) ?? null,
      JSON.stringify(e.materials ?? []),
      e.replayUrl ?? null,
      createdBy,
      new Date(Math.min(now.getTime(), starts.getTime() - 14 * DAY_MS)),
    ];
    const base = params.length;
    params.push(...values);
    const $ = (k: number) => `$${base + k}`;
    return `(${$(1)}, ${$(2)}, ${$(3)}, ${$(4)}, ${$(5)}::timestamptz, ${$(6)}::timestamptz, ${$(7)}::timestamptz, ${$(8)},
      ${$(9)}::float8, ${$(10)}::float8, ${$(11)}, ${$(12)}::int, ${$(13)}::text[], ${$(14)}::uuid, ${$(15)}::jsonb, ${$(16)},
      'published', ${$(18)}::timestamptz, ${$(17)}::uuid, ${$(18)}::timestamptz, ${$(18)}::timestamptz)`;
  });
  const inserted = (await m.query(
    `INSERT INTO events (kind, title, description, speakers, starts_at, ends_at, signup_deadline, place, latitude,
       longitude, online_url, capacity, audience_districts, department_id, materials, replay_url, status, published_at,
       created_by, created_at, updated_at)
     VALUES ${tuples.join(', ')}
     RETURNING id, title`,
    params,
  )) as Array<{ id: string; title: string }>;
  const idOf = new Map(inserted.map((r) => [r.title, r.id]));

  const users = new Map(
    (
      (await m.query(
        `SELECT u.id, u.openid, m.enterprise_id FROM users u
         JOIN enterprise_members m ON m.user_id = u.id AND m.status = 'approved'
         WHERE u.openid = ANY($1::text[])`,
        [[PAPER, LOGISTICS]],
      )) as Array<{ id: string; openid: string; enterprise_id: string }>
    ).map((u) => [u.openid, u]),
  );
  for (const e of missing) {
    const eventId = idOf.get(e.title);
    const registrants = (e.registrants ?? []).filter((r) => users.has(r.openid));
    if (!eventId || registrants.length === 0) continue;
    const rows = registrants.map((r, i) => {
      const u = users.get(r.openid)!;
      return [u.id, u.enterprise_id, i < e.capacity ? 'confirmed' : 'waitlisted', i + 1, r.topic ?? null];
    });
    await m.query(
      `INSERT INTO event_registrations (event_id, user_id, enterprise_id, status, seq, topic)
       SELECT $1, x.u, x.e, x.s, x.q, x.t FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::int[], $6::text[]) AS x(u, e, s, q, t)
       ON CONFLICT (event_id, user_id) DO NOTHING`,
      [
        eventId,
        rows.map((r) => r[0]),
        rows.map((r) => r[1]),
        rows.map((r) => r[2]),
        rows.map((r) => r[3]),
        rows.map((r) => r[4]),
      ],
    );
    await m.query(
      `UPDATE events e SET
         confirmed_count = (SELECT count(*)::int FROM event_registrations r WHERE r.event_id = e.id AND r.status = 'confirmed'),
         waitlist_count = (SELECT count(*)::int FROM event_registrations r WHERE r.event_id = e.id AND r.status = 'waitlisted'),
         signup_seq = (SELECT COALESCE(max(r.seq), 0) FROM event_registrations r WHERE r.event_id = e.id)
       WHERE e.id = $1`,
      [eventId],
    );
  }
  return inserted.length;
}
