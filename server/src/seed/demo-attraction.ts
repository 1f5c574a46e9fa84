import type { PoolRule } from '@groundbreak/contract';
import {
  DEFAULT_SCORECARD,
  normaliseCompanyName,
  phoneIndexKey,
  type ScoreInputs,
  scoreLead,
} from '@groundbreak/domain';
import { searchDocument } from '@groundbreak/domain/search';
import { and, count, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { shanghaiDate } from '../clock';
import type { Db } from '../db/database';
import {
  appSettings,
  leadActivities,
  leadContacts,
  leadProfiles,
  orgs,
  projectReviews,
  projectStateChanges,
  projects,
  regions,
  users,
} from '../db/schema/index';
import type { FieldProtector } from '../lib/crypto/field-protector';
import { POOL_RULES_KEY, SCORECARD_KEY } from '../modules/attraction/attraction.settings';
import { createProjectsRepository } from '../modules/projects/projects.repository';
import { addDays, between, pick, seededRandom } from './demo-projects';

// Demo data of the attraction pipeline, deterministic from a seed and the day: every demo lead (招商线索,
// 在谈) gets its investor profile, owner, timeline with next steps (some due in the coming days), a contact
// person and — in negotiation — a score; six leads wait in the pool (公海); one investor is registered by
// 高新区 and again, under a variant of its name, by 湖塘镇 (the duplicate to merge); every project past the
// review has its review record (the 已签约 gate reads it), and two leads in negotiation have theirs.

const DEFAULT_POOL_RULES: {
  industryChain?: string;
  source?: string;
  minInvestmentYuan?: number;
  code: string;
}[] = [
  { industryChain: '智能电动汽车', minInvestmentYuan: 500_000_000, code: 'WJ-GXQ' },
  { industryChain: '新材料(石墨烯)', code: 'WJ-XTH' },
  { industryChain: '医疗器械', code: 'WJ-XTH' },
  { industryChain: '文旅', code: 'WJ-XYZ' },
];

const POOL_LEADS = [
  {
    name: '宁德某新能源储能电池模组项目',
    company: '宁德某储能科技有限公司',
    chain: '新能源',
    product: '储能电池模组',
    yi: 12,
    source: 'expo',
  },
  {
    name: '深圳某智能驾驶域控制器项目',
    company: '深圳某智驾科技有限公司',
    chain: '智能电动汽车',
    product: '智能驾驶域控制器',
    yi: 8,
    source: 'overseas',
  },
  {
    name: '上海某高端医用导管项目',
    company: '上海某医疗器械股份有限公司',
    chain: '医疗器械',
    product: '介入医用导管',
    yi: 3,
    source: 'fund',
  },
  {
    name: '苏州某功率半导体封测项目',
    company: '苏州某半导体有限公司',
    chain: '集成电路',
    product: '功率半导体封装测试',
    yi: 6,
    source: 'chain',
  },
  {
    name: '某石墨烯导热膜项目',
    company: '无锡某新材料科技有限公司',
    chain: '新材料(石墨烯)',
    product: '石墨烯导热膜',
    yi: 2,
    source: 'by_business',
  },
  {
    name: '太湖湾精品民宿集群项目',
    company: '杭州某文旅发展集团有限公司',
    chain: '文旅',
    product: '精品民宿与研学营地',
    yi: 1.5,
    source: 'other',
  },
] as const;

const ACTIVITY_TEXT: Record<string, { summary: string; next: string }[]> = {
  visit: [
    { summary: '赴企业总部拜访董事长，介绍武进产业政策和载体资源', next: '邀请企业来武进实地考察' },
    { summary: '走访企业生产基地，了解扩产计划和用地需求', next: '提供备选地块资料' },
  ],
  talk: [
    { summary: '与企业投资部洽谈投资规模、用地面积和建设进度', next: '起草投资协议初稿' },
    { summary: '就亩均税收承诺和能耗指标进行第二轮洽谈', next: '组织项目准入评审' },
  ],
  site_tour: [{ summary: '陪同企业考察备选地块及周边配套', next: '反馈地块规划条件' }],
  phone: [{ summary: '电话沟通企业决策进度', next: '约定下次面谈时间' }],
  meeting: [{ summary: '召开招商专题会，研究项目落户条件', next: '报区领导审定' }],
};
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '周', '吴', '徐', '孙'];
const GIVEN = ['建国', '志强', '海燕', '晓明', '立新', '文华', '国平', '丽娟', '伟', '敏'];
const TITLES = ['董事长', '总经理', '投资总监', '副总经理', '项目经理'];

export async function seedDemoAttraction(
  db: Db,
  now: Date,
  deps: { protector: FieldProtector; dataDir: string },
): Promise<{ added: number }> {
  const [existing] = await db.select({ n: count() }).from(leadProfiles);
  if ((existing?.n ?? 0) > 0) return { added: 0 };
  const [demo] = await db
    .select({ n: count() })
    .from(projects)
    .where(and(eq(projects.isDemo, true), isNull(projects.deletedAt)));
  if ((demo?.n ?? 0) === 0) return { added: 0 };
  const today = shanghaiDate(now);
  const rng = seededRandom(20251206);
  const repo = createProjectsRepository(db, deps.protector);
  const regionRows = await db
    .select({ id: regions.id, code: regions.code, name: regions.name, level: regions.level })
    .from(regions);
  const region = (code: string) => regionRows.find((r) => r.code === code);
  const district = region('320412');
  const gxq = region('WJ-GXQ');
  const hutang = region('320412100');
  if (!district || !gxq || !hutang) return { added: 0 };
  const userRows = await db
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(inArray(users.username, ['gxq', 'hutang', 'shangwu']));
  const userOf = (name: string) => userRows.find((u) => u.username === name)?.id ?? null;
  const ownerFor = (regionId: string) =>
    regionId === gxq.id ? userOf('gxq') : regionId === hutang.id ? userOf('hutang') : userOf('shangwu');
  const orgRows = await db.select({ id: orgs.id, code: orgs.code }).from(orgs);
  const orgOf = (code: string) => orgRows.find((o) => o.code === code)?.id ?? null;

  return db.transaction(async (tx) => {
    let added = 0;
    // The configuration: the default scorecard and the district's pool rules.
    const rules: PoolRule[] = DEFAULT_POOL_RULES.flatMap((r) => {
      const target = region(r.code);
      return target
        ? [
            {
              industryChain: r.industryChain ?? null,
              source: (r.source as PoolRule['source']) ?? null,
              minInvestmentYuan: r.minInvestmentYuan ?? null,
              regionId: target.id,
            },
          ]
        : [];
    });
    await tx
      .insert(appSettings)
      .values([
        { key: SCORECARD_KEY, value: { value: DEFAULT_SCORECARD, version: 1 }, updatedAt: now },
        { key: POOL_RULES_KEY, value: { value: rules, version: 1 }, updatedAt: now },
      ])
      .onConflictDoNothing();

    // New leads of the demo: the pool and the duplicate pair, registered like any lead.
    const fresh: {
      name: string;
      company: string;
      chain: string;
      product: string;
      yuan: number;
      source: string;
      regionId: string;
      orgId: string | null;
      inPool: boolean;
      registeredOn: string;
      uscc?: string;
    }[] = [
      ...POOL_LEADS.map((p, i) => ({
        name: p.name,
        company: p.company,
        chain: p.chain,
        product: p.product,
        yuan: Math.round(p.yi * 100_000_000),
        source: p.source,
        regionId: district.id,
        orgId: orgOf('WJ-COM'),
        inPool: true,
        registeredOn: addDays(today, -(3 + i * 5)),
      })),
      {
        name: '华晟储能变流器生产基地项目',
        company: '常州华晟新能源科技有限公司',
        chain: '新能源',
        product: '储能变流器',
        yuan: 900_000_000,
        source: 'by_business',
        regionId: gxq.id,
        orgId: orgOf('WJ-GXQ-ADM'),
        inPool: false,
        registeredOn: addDays(today, -40),
      },
      {
        name: '华晟新能源储能装备项目',
        company: '华晟新能源科技（常州）有限公司',
        chain: '新能源',
        product: '储能装备',
        yuan: 600_000_000,
        source: 'expo',
        regionId: hutang.id,
        orgId: orgOf('320412100-GOV'),
        inPool: false,
        registeredOn: addDays(today, -12),
      },
    ];
    const year = Number(today.slice(0, 4));
    const numbers = await repo.allocateInternalNos(tx, 'WJ', year, fresh.length);
    for (const [i, lead] of fresh.entries()) {
      const internalNo = numbers[i] as string;
      const createdAt = new Date(`${lead.registeredOn}T09:30:00+08:00`);
      const doc = searchDocument([lead.name, null, null, null, lead.company, internalNo], lead.name);
      const row = await repo.insert(tx, {
        internalNo,
        name: lead.name,
        state: 'LEAD',
        regionId: lead.regionId,
        investorName: lead.company,
        investorOrigin: 'domestic',
        industryChain: lead.chain,
        responsibleOrgId: lead.orgId,
        source: lead.source,
        totalInvestment: lead.yuan,
        isDemo: true,
        searchText: doc.text,
        searchGrams: doc.grams,
        createdAt,
        updatedAt: createdAt,
      });
      await tx.insert(projectStateChanges).values({
        projectId: row.id,
        fromState: null,
        toState: 'LEAD',
        event: 'create',
        actorName: '演示数据',
        at: createdAt,
      });
      await tx.insert(leadProfiles).values({
        projectId: row.id,
        companyName: lead.company,
        companyNameNorm: normaliseCompanyName(lead.company),
        investorOrigin: 'domestic',
        intendedProduct: lead.product,
        estimatedLandMu: Math.round(lead.yuan / 100_000_000) * 15 + 20,
        source: lead.source,
        ownerUserId: lead.inPool ? null : ownerFor(lead.regionId),
        inPool: lead.inPool,
        pooledAt: lead.inPool ? createdAt : null,
        assignedVia: lead.inPool ? null : 'registered',
        assignedAt: lead.inPool ? null : createdAt,
        registeredRegionId: lead.regionId,
        registeredOn: lead.registeredOn,
        createdAt,
        updatedAt: createdAt,
      });
      added += 1;
    }

    // Every demo lead gets its profile, timeline and contact.
    const leads = await tx
      .select({
        id: projects.id,
        name: projects.name,
        state: projects.state,
        regionId: projects.regionId,
        investorName: projects.investorName,
        investorOrigin: projects.investorOrigin,
        source: projects.source,
        industryChain: projects.industryChain,
        totalInvestment: projects.totalInvestment,
        createdAt: projects.createdAt,
        hasProfile: leadProfiles.projectId,
      })
      .from(projects)
      .leftJoin(leadProfiles, eq(leadProfiles.projectId, projects.id))
      .where(
        and(
          eq(projects.isDemo, true),
          isNull(projects.deletedAt),
          inArray(projects.state, ['LEAD', 'NEGOTIATING']),
        ),
      )
      .orderBy(projects.internalNo);
    const phoneContext = 'lead_contacts.phone' as const;
    for (const [index, lead] of leads.entries()) {
      const registeredOn = shanghaiDate(lead.createdAt);
      const owner = ownerFor(lead.regionId);
      const company = lead.investorName ?? `${lead.name.slice(0, 4)}投资有限公司`;
      const inPool = lead.regionId === district.id;
      if (!lead.hasProfile) {
        const investment = lead.totalInvestment ?? 100_000_000;
        const scored = lead.state === 'NEGOTIATING';
        const inputs: ScoreInputs = {
          investment,
          chain_fit: pick(rng, ['core', 'core', 'related', 'none']),
          tax_per_mu: between(rng, 15, 90),
          intensity: between(rng, 200, 700),
          energy_env: pick(rng, ['low', 'low', 'medium', 'high']),
        };
        const score = scored ? scoreLead(DEFAULT_SCORECARD, inputs) : null;
        await tx.insert(leadProfiles).values({
          projectId: lead.id,
          companyName: company,
          companyNameNorm: normaliseCompanyName(company) || company,
          investorOrigin: lead.investorOrigin,
          intendedProduct: lead.name.replace(/项目$/, '').slice(-10),
          estimatedLandMu: between(rng, 20, 200),
          source: lead.source ?? 'other',
          ownerUserId: inPool ? null : owner,
          inPool,
          pooledAt: inPool ? lead.createdAt : null,
          assignedVia: inPool ? null : 'registered',
          assignedAt: inPool ? null : lead.createdAt,
          registeredRegionId: lead.regionId,
          registeredOn,
          score: score?.total ?? null,
          grade: score?.grade ?? null,
          scoreDetail: score ? { ...score, inputs } : null,
          scoredAt: score ? now : null,
          createdAt: lead.createdAt,
          updatedAt: lead.createdAt,
        });
        added += 1;
      }
      // Two or three steps so far; the latest one's next step falls between three days ago and three weeks on.
      const steps = between(rng, 1, 3);
      for (let k = 0; k < steps; k++) {
        const kind = pick(rng, Object.keys(ACTIVITY_TEXT));
        const text = pick(rng, ACTIVITY_TEXT[kind] ?? []);
        const latest = k === steps - 1;
        // Between the registration and today.
        let on = addDays(today, -(steps - k) * between(rng, 6, 20));
        if (on < registeredOn) on = registeredOn;
        if (on > today) on = today;
        await tx.insert(leadActivities).values({
          projectId: lead.id,
          kind,
          occurredOn: on,
          summary: text.summary,
          participants: '招商专员、企业投资部',
          nextStep: text.next,
          // Every third lead's next step is due today or tomorrow (the reminders and the 工作台 show it).
          nextStepOn: latest
            ? addDays(today, index % 3 === 0 ? index % 2 : between(rng, -3, 21))
            : addDays(on, 7),
          nextStepDoneAt: latest ? null : new Date(`${[addDays(on, 6), today].sort()[0]}T17:00:00+08:00`),
          remindedAt: null,
          createdBy: owner,
          createdAt: new Date(`${on}T18:00:00+08:00`),
          updatedAt: new Date(`${on}T18:00:00+08:00`),
        });
        added += 1;
      }
      const phone = `139${String(between(rng, 10_000_000, 99_999_999))}`;
      await tx.insert(leadContacts).values({
        projectId: lead.id,
        name: `${pick(rng, SURNAMES)}${pick(rng, GIVEN)}`,
        title: pick(rng, TITLES),
        organisation: company,
        phoneCipher: await deps.protector.encrypt(phone, phoneContext),
        phoneIndex: await deps.protector.blindIndex(phoneIndexKey(phone), phoneContext),
        createdAt: lead.createdAt,
        updatedAt: lead.createdAt,
      });
      added += 1;
    }

    // The review records: every project whose 准入 passed has its meeting (the 已签约 gate reads it) …
    const reviewed = await tx
      .select({ id: projects.id, on: projects.accessReviewPassedOn, regionName: regions.name })
      .from(projects)
      .innerJoin(regions, eq(regions.id, projects.regionId))
      .where(and(eq(projects.isDemo, true), isNotNull(projects.accessReviewPassedOn)));
    const criteria = (passed: boolean) => [
      { code: 'industry_policy', label: '符合产业政策及区产业链定位', passed: true, note: null },
      { code: 'mu_benefit', label: '亩均税收、投资强度达到准入标准', passed, note: null },
      { code: 'energy', label: '能耗指标（能评）', passed: true, note: null },
      { code: 'environment', label: '环境影响（环评）', passed: true, note: null },
    ];
    for (let i = 0; i < reviewed.length; i += 200) {
      await tx.insert(projectReviews).values(
        reviewed.slice(i, i + 200).map((r) => ({
          projectId: r.id,
          meetingName: `${r.regionName}项目准入评审会`,
          meetingOn: r.on as string,
          criteria: criteria(true),
          result: 'passed' as const,
          conditions: null,
          createdAt: new Date(`${r.on}T16:00:00+08:00`),
          updatedAt: new Date(`${r.on}T16:00:00+08:00`),
        })),
      );
      added += Math.min(200, reviewed.length - i);
    }
    // … and two leads in negotiation were reviewed lately: one passed with conditions, one not yet.
    const negotiating = leads.filter((l) => l.state === 'NEGOTIATING' && l.regionId === gxq.id).slice(0, 2);
    for (const [k, lead] of negotiating.entries()) {
      const meetingOn = addDays(today, -(5 + k * 4));
      const result = k === 0 ? ('conditional' as const) : ('rejected' as const);
      await tx.insert(projectReviews).values({
        projectId: lead.id,
        meetingName: '武进国家高新区项目准入评审会',
        meetingOn,
        criteria: criteria(k === 0),
        result,
        conditions: k === 0 ? '达产后亩均税收不低于 30 万元/亩，能评批复后方可开工' : null,
        createdAt: new Date(`${meetingOn}T16:00:00+08:00`),
        updatedAt: new Date(`${meetingOn}T16:00:00+08:00`),
      });
      if (k === 0) {
        await tx.update(projects).set({ accessReviewPassedOn: meetingOn }).where(eq(projects.id, lead.id));
      }
      added += 1;
    }
    return { added };
  });
}
