import { eq } from 'drizzle-orm';
import { leadActivities, leadContacts, leadProfiles, projects } from '../db/schema/index';
import type { IdRouteCheck, ScopeFixture, ScopeRegistry } from './scope-matrix';

// The attraction module's entries of the scope matrix, merged into SCOPE_REGISTRY (scope-registry.ts).
// Each 板块 has a lead with an activity and a contact; 商务 put one lead into the pool (district-owned).

const OPERATORS = ['operatorA', 'operatorB'] as const;

/** The lead the caller must not reach: the other 板块's (never in the pool). */
const foreignLead = (f: ScopeFixture, caller: string) =>
  (caller === 'operatorA' ? f.refs.leadB : f.refs.leadA) ?? '';
const foreignActivity = (f: ScopeFixture, caller: string) =>
  (caller === 'operatorA' ? f.refs.leadActivityB : f.refs.leadActivityA) ?? '';
const foreignContact = (f: ScopeFixture, caller: string) =>
  (caller === 'operatorA' ? f.refs.leadContactB : f.refs.leadContactA) ?? '';

const leadSnapshot = async (f: ScopeFixture, id: string) => ({
  project: await f.db.select().from(projects).where(eq(projects.id, id)),
  profile: await f.db.select().from(leadProfiles).where(eq(leadProfiles.projectId, id)),
  activities: await f.db.select().from(leadActivities).where(eq(leadActivities.projectId, id)),
  contacts: await f.db.select().from(leadContacts).where(eq(leadContacts.projectId, id)),
});

const onLead = (extra: Partial<IdRouteCheck> = {}): IdRouteCheck => ({
  callers: [...OPERATORS],
  foreignId: foreignLead,
  snapshot: leadSnapshot,
  ...extra,
});

export const ATTRACTION_SCOPE: ScopeRegistry = {
  idRoutes: {
    'GET /api/leads/:id': onLead(),
    'PUT /api/leads/:id': onLead({
      body: () => ({ version: 1, companyName: '越权修改的投资方', source: 'other' }),
    }),
    'POST /api/leads/:id/claim': onLead({ body: () => ({ version: 1 }) }),
    'POST /api/leads/:id/release': onLead({ body: () => ({ version: 1, reason: '越权退回' }) }),
    'GET /api/leads/:id/activities': onLead(),
    'POST /api/leads/:id/activities': onLead({
      body: () => ({ kind: 'visit', occurredOn: '2025-03-01', summary: '越权记录的走访' }),
    }),
    'GET /api/leads/:id/contacts': onLead(),
    'POST /api/leads/:id/contacts': onLead({ body: () => ({ name: '越权联系人', phone: '13900001111' }) }),
    'POST /api/leads/:id/score': onLead({
      body: () => ({
        version: 1,
        inputs: { investment: 1, chain_fit: 'core', tax_per_mu: 1, intensity: 1, energy_env: 'low' },
      }),
    }),
    'GET /api/leads/:id/reviews': onLead(),
    'POST /api/leads/:id/reviews': onLead({
      body: () => ({
        meetingName: '越权评审',
        meetingOn: '2025-03-01',
        criteria: [{ code: 'x', label: '越权', passed: true }],
        result: 'passed',
      }),
    }),
    'POST /api/leads/:id/sign': onLead({
      body: () => ({
        signedOn: '2025-03-01',
        version: 1,
        commitments: {
          investmentYuan: 100_000_000,
          intensityWanPerMu: 300,
          startBy: '2025-06-01',
          completionBy: '2026-06-01',
        },
      }),
    }),
    'POST /api/lead-activities/:id/done': {
      callers: [...OPERATORS],
      foreignId: foreignActivity,
      body: () => ({ version: 1 }),
      snapshot: async (f, id) => f.db.select().from(leadActivities).where(eq(leadActivities.id, id)),
    },
    'PUT /api/lead-contacts/:id': {
      callers: [...OPERATORS],
      foreignId: foreignContact,
      body: () => ({ version: 1, name: '越权修改的联系人' }),
      snapshot: async (f, id) => f.db.select().from(leadContacts).where(eq(leadContacts.id, id)),
    },
    'POST /api/lead-contacts/:id/delete': {
      callers: [...OPERATORS],
      foreignId: foreignContact,
      body: () => ({ version: 1 }),
      snapshot: async (f, id) => f.db.select().from(leadContacts).where(eq(leadContacts.id, id)),
    },
  },
  lists: {
    'GET /api/leads': {
      callers: [...OPERATORS],
      query: 'pageSize=100',
      inScope: (item, f, caller) => f.visibleRegions[caller].has(item.regionId as string),
    },
    // The pool is the sanctioned view across scope: every 板块 sees the pool leads — and nothing else.
    'GET /api/leads/pool': {
      callers: [...OPERATORS],
      query: 'pageSize=100',
      inScope: (item, f) => item.inPool === true && item.id === f.refs.leadPool,
    },
  },
  writes: {
    'POST /api/leads': {
      callers: [...OPERATORS],
      body: (f, caller) => ({
        name: '越权登记的招商线索',
        companyName: '越权登记投资有限公司',
        investorOrigin: 'domestic',
        industryChain: '新能源',
        source: 'other',
        regionId: caller === 'operatorA' ? f.ids.regionB : f.ids.regionA,
      }),
      leaked: async (f) =>
        (await f.db.select().from(projects).where(eq(projects.name, '越权登记的招商线索'))).length > 0,
    },
  },
  exempt: {
    'GET /api/leads/duplicate-check':
      'the sanctioned duplicate hint: answers only the 板块 name and the registration day of a lead with the same investor, nothing else (attraction.int.test.ts checks the exact answer)',
    'POST /api/leads/assign':
      'attraction.admin only (商务, 区发改: district scope): moves pool leads, which the district owns, to the 板块 the configured rules name; a 板块 is refused with 403',
    'GET /api/leads/:id/duplicates':
      'attraction.admin only (商务, 区发改: district scope, every lead in scope); a 板块 is refused with 403 before any lookup',
    'POST /api/leads/:id/merge':
      'attraction.admin only (商务, 区发改: district scope, both leads in scope); a 板块 is refused with 403 before any lookup',
    'GET /api/attraction/scorecard':
      'the scorecard configuration: the same for every caller, no object of any scope',
    'PUT /api/attraction/scorecard': 'configuration (attraction.admin), no object of any scope',
    'GET /api/attraction/pool-rules': 'the pool rules configuration: the same for every caller',
    'PUT /api/attraction/pool-rules': 'configuration (attraction.admin), no object of any scope',
    'GET /api/attraction/funnel':
      "counts only, computed over the caller's scope (the same condition as GET /api/leads); attraction.int.test.ts checks a 板块 sees only its own group",
  },
};

/** The module's objects in and outside each caller's scope (run after the other seeds). */
export async function seedScopeAttraction(f: ScopeFixture, _now: Date): Promise<void> {
  const register = async (caller: 'operatorA' | 'operatorB' | 'deptCommerce', name: string, pool = false) => {
    const res = await f.clients[caller].inject({
      method: 'POST',
      url: '/api/leads',
      payload: {
        name,
        companyName: `${name}投资有限公司`,
        investorOrigin: 'domestic',
        industryChain: '新能源',
        source: 'expo',
        totalInvestment: 200_000_000,
        ...(pool ? { inPool: true } : {}),
      },
    });
    if (res.statusCode !== 200) throw new Error(`lead ${name}: ${res.statusCode} ${res.body}`);
    return res.json().lead.id as string;
  };
  const activity = async (caller: 'operatorA' | 'operatorB', leadId: string) => {
    const res = await f.clients[caller].inject({
      method: 'POST',
      url: `/api/leads/${leadId}/activities`,
      payload: {
        kind: 'visit',
        occurredOn: '2025-03-01',
        summary: '范围测试走访',
        nextStep: '再次洽谈',
        nextStepOn: '2025-04-01',
      },
    });
    if (res.statusCode !== 200) throw new Error(`activity: ${res.statusCode} ${res.body}`);
    return res.json().activity.id as string;
  };
  const contact = async (caller: 'operatorA' | 'operatorB', leadId: string) => {
    const res = await f.clients[caller].inject({
      method: 'POST',
      url: `/api/leads/${leadId}/contacts`,
      payload: { name: '范围测试联系人', phone: '13900002222' },
    });
    if (res.statusCode !== 200) throw new Error(`contact: ${res.statusCode} ${res.body}`);
    return res.json().contact.id as string;
  };
  f.refs.leadA = await register('operatorA', '范围测试高新区线索');
  f.refs.leadB = await register('operatorB', '范围测试湖塘线索');
  f.refs.leadPool = await register('deptCommerce', '范围测试公海线索', true);
  f.refs.leadActivityA = await activity('operatorA', f.refs.leadA);
  f.refs.leadActivityB = await activity('operatorB', f.refs.leadB);
  f.refs.leadContactA = await contact('operatorA', f.refs.leadA);
  f.refs.leadContactB = await contact('operatorB', f.refs.leadB);
}
