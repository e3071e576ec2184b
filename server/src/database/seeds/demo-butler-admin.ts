import type { EntityManager } from 'typeorm';

/** 管家介绍 of the demo butlers and supervisor (管家团队 shows them), by username. */
export const DEMO_INTRODUCTIONS: Record<string, string> = {
  zhuguan: '负责全市亲商管家的督办协调和差评回访，企业反映的问题久拖未决，可直接找我。',
  guanjia: '在市营商中心从事企业服务八年，熟悉惠企政策申报和企业开办全流程，帮您少跑腿。',
  'guanjia.sj': '市场监管领域服务管家，擅长市场准入、商标和专利事务，帮助企业守护知识产权。',
  'guanjia.sw': '税务服务管家，长期负责减税降费政策落实和出口退税辅导，有问必答。',
  'guanjia.rs': '人社服务管家，熟悉稳岗返还、以工代训和人才引进政策，帮企业招人留人。',
  'guanjia.zy': '自然资源服务管家，协助企业办理用地报批、不动产登记，推动项目早落地。',
  'guanjia.gx': '湘潭高新区服务管家，专注科技型企业培育和项目审批代办。',
  'guanjia.jk': '湘潭经开区服务管家，服务汽车零部件等制造企业，擅长工程建设审批和融资对接。',
};

/** 所属园区 of the demo enterprises in the two development zones, by name. */
const DEMO_PARKS: Record<string, string> = {
  湘潭智造电机有限公司: '湘潭高新区创新创业园',
  湘潭经开区精密汽配有限公司: '湘潭经开区汽车零部件产业园',
};

/**
 * Adds what is missing only (a butler without an introduction, a demo enterprise without a park): one UPDATE
 * each, so a second run changes nothing and an admin's own text stays.
 */
export async function seedDemoButlerProfiles(m: EntityManager): Promise<void> {
  const users = Object.entries(DEMO_INTRODUCTIONS);
  await m.query(
    `UPDATE users u SET introduction = d.intro
     FROM unnest($1::text[], $2::text[]) AS d(username, intro)
     WHERE u.username = d.username AND u.introduction IS NULL`,
    [users.map(([u]) => u), users.map(([, i]) => i)],
  );
  const parks = Object.entries(DEMO_PARKS);
  await m.query(
    `UPDATE enterprises e SET park = d.park
     FROM unnest($1::text[], $2::text[]) AS d(name, park)
     WHERE e.name = d.name AND e.on_record AND e.park IS NULL`,
    [parks.map(([name]) => name), parks.map(([, park]) => park)],
  );
}
