import { describe, expect, it } from 'vitest';
import { sniffFile, verifyContainer } from '../files/sniff';
import { missingRequiredFields } from './fields';
import { type GateFacts, transition } from './gates';
import { libraryEntryNotes } from './library';
import { searchDocument, searchTerm } from './search';
import { forwardTargets, isLandSupplied, PROJECT_STATES, type ProjectState } from './states';
import {
  annualPlanWithinTotal,
  checkDateOrder,
  checkProjectCode,
  isValidPhone,
  squareMetresToMu,
} from './validators';
import { deriveYearCategory } from './year-category';

const TODAY = '2025-03-31';

/** Facts under which every gate is met; each test breaks one of them. */
function metFacts(landUse: GateFacts['fields']['landUse'] = 'new_land'): GateFacts {
  return {
    today: TODAY,
    fields: {
      name: '常州燕龙汽车车身轻量化零部件生产项目',
      investorName: '燕龙集团',
      investorOrigin: 'domestic',
      regionId: 'r',
      industryChain: '智能电动汽车',
      responsibleOrgId: 'o',
      source: 'chain',
      builderName: '常州燕龙汽车零部件有限公司',
      uscc: '91320412MAEUHUXQ7A',
      legalRepresentative: '张三',
      contactName: '李四',
      contactPhone: '13912345678',
      location: '武进国家高新区',
      constructionNature: 'new',
      landUse,
      projectType: 'industrial',
      totalInvestment: 1_500_000_000,
      registeredCapital: 100_000_000,
      landAreaM2: 66_667,
      scaleContent: '新建厂房',
      designCapacity: '600万件/年',
      signedOn: '2024-11-01',
      leaderUserId: 'u',
      projectCode: '2025-320412-36-03-204817',
      industryCode: 'C36',
      plannedStartOn: '2025-03-01',
      plannedCompletionOn: '2025-12-31',
      plannedProductionOn: '2026-01-31',
      plannedTargetOn: '2027-12-31',
      fixedAssetInvestment: 1_200_000_000,
      equipmentInvestment: 400_000_000,
      plotRatio: 1.5,
      buildingCoverage: 0.45,
      greenRatio: 0.12,
      progressText: '基础施工',
      floorAreaM2: 40_000,
      actualStartOn: '2025-03-10',
      actualCompletionOn: '2025-12-20',
      actualProductionOn: '2026-01-20',
    },
    ownership: { subarea: true },
    agreement: { signedOn: '2024-11-01', file: true },
    accessReview: { passedOn: '2024-10-20', file: true },
    commitments: {
      intensityWanPerMu: 500,
      salesYuan: 2_000_000_000,
      taxWanPerMu: null,
      plannedStartOn: '2025-03-01',
      plannedCompletionOn: '2025-12-31',
    },
    builder: { usccValid: true },
    filing: { projectCodeValid: true, filedOn: '2024-12-01', certificate: true },
    libraryEntry: { entered: 1 },
    yearPlan: { declared: true },
    parcel: { code: 'WJ2024-17', available: true, redLineMap: true },
    landList: { complete: true },
    landContract: { number: '3204122025CR0012', signedOn: '2025-03-01', file: true },
    planningPermit: { number: '地字第320412202500012号' },
    leaseOrTitle: { file: false },
    approvalStart: { firstAcceptedOn: '2025-03-01' },
    constructionPermit: { number: '320412202503010101', issuedOn: '2025-03-01', file: true },
    startEvidence: { actualStartOn: '2025-03-10', photo: true },
    acceptanceFiling: { jointAcceptance: true, filing: true, actualCompletionOn: '2025-12-20' },
    production: { actualProductionOn: '2026-01-20', evidence: true },
    capacity: { reachedOn: '2027-01-01', plannedTargetOn: '2027-12-31' },
    postEvaluation: { approvedOn: '2028-03-01', report: true, openRectifications: 0 },
  };
}

const advance = (from: ProjectState, to: ProjectState, facts = metFacts()) =>
  transition(from, { type: 'advance', to }, facts);

describe('transition: every legal and illegal forward pair', () => {
  const pairs = PROJECT_STATES.flatMap((from) => PROJECT_STATES.map((to) => [from, to] as const));
  it.each(pairs)('%s → %s', (from, to) => {
    const legal = forwardTargets(from).includes(to);
    const facts = to === 'APPROVING' && from === 'FILED' ? metFacts('leased_plant') : metFacts();
    if (to === 'APPROVING' && from === 'FILED') facts.leaseOrTitle.file = true;
    const result = advance(from, to, facts);
    if (legal) expect(result).toEqual({ ok: true, to, gateChecked: true });
    else expect(result).toMatchObject({ ok: false, illegal: true });
  });
});

describe('gates list every unmet condition in Chinese', () => {
  const cases: [ProjectState, ProjectState, (f: GateFacts) => void, string[]][] = [
    [
      'LEAD',
      'NEGOTIATING',
      (f) => {
        f.fields.investorName = '';
        f.fields.responsibleOrgId = null;
      },
      ['投资方未填写', '责任单位未指定'],
    ],
    [
      'NEGOTIATING',
      'SIGNED',
      (f) => {
        f.ownership.subarea = false;
        f.agreement.file = false;
        f.accessReview.passedOn = null;
        f.commitments.salesYuan = null;
      },
      [
        '项目仍在区级公共池，签约前须归属一个板块',
        '未上传投资协议',
        '承诺达产年销售或亩均税收未填写',
        '项目准入评审未通过（没有通过或有条件通过的评审）',
      ],
    ],
    [
      'SIGNED',
      'FILED',
      (f) => {
        f.libraryEntry.entered = 0;
        f.filing.certificate = false;
      },
      ['未上传备案证/核准批复', '尚未进入任何项目库（至少区重点已入库）'],
    ],
    ['FILED', 'LAND_PREP', (f) => (f.parcel.available = false), ['地块状态不是储备或批而未供，不能用于供地']],
    [
      'LAND_PREP',
      'LAND_SUPPLIED',
      (f) => (f.landList.complete = false),
      ['用地清单未完成（各事项已批复且在有效期内，或不涉及）'],
    ],
    [
      'LAND_PREP',
      'LAND_SUPPLIED',
      (f) => {
        f.landContract.file = false;
        f.planningPermit.number = null;
      },
      ['未上传土地出让合同', '出让记录未填写建设用地规划许可证号'],
    ],
    [
      'FILED',
      'APPROVING',
      () => {},
      ['新增/存量用地项目须先经过供地准备和供地', '未上传厂房租赁合同或自有土地权证'],
    ],
    [
      'LAND_SUPPLIED',
      'APPROVING',
      (f) => (f.approvalStart.firstAcceptedOn = null),
      ['工程建设许可阶段尚无已受理事项（首项受理日期）'],
    ],
    [
      'APPROVING',
      'STARTED',
      (f) => {
        f.startEvidence.actualStartOn = '2025-04-01';
        f.startEvidence.photo = false;
      },
      ['实际开工日期晚于今天', '未上传开工现场照片'],
    ],
    ['STARTED', 'COMPLETED', (f) => (f.acceptanceFiling.filing = false), ['未登记竣工验收备案表']],
    ['COMPLETED', 'IN_PRODUCTION', (f) => (f.production.evidence = false), ['未上传投产证明（如首张发票）']],
    [
      'IN_PRODUCTION',
      'AT_TARGET',
      (f) => (f.capacity.reachedOn = null),
      ['未达到设计产能（未记录达产日期），且协议约定的达产期限未到'],
    ],
    [
      'AT_TARGET',
      'POST_EVALUATED',
      (f) => (f.postEvaluation.openRectifications = 2),
      ['还有 2 项整改未销号'],
    ],
  ];
  it.each(cases)('%s → %s', (from, to, breakIt, messages) => {
    const facts = metFacts();
    breakIt(facts);
    const result = advance(from, to, facts);
    expect(result).toMatchObject({ ok: false, illegal: false, to });
    if (result.ok || result.illegal) return;
    expect(result.unmet.map((c) => c.message)).toEqual(messages);
  });

  it('adds the fields required from the target state, once, in the gate wording when both apply', () => {
    const facts = metFacts();
    facts.fields.signedOn = null;
    facts.agreement.signedOn = null;
    facts.fields.contactPhone = '';
    const result = advance('NEGOTIATING', 'SIGNED', facts);
    if (result.ok || result.illegal) throw new Error('expected a refusal');
    expect(result.unmet.map((c) => c.message)).toEqual(['签约日期未填写', '联系电话未填写（已签约起必填）']);
  });

  it('the agreed 达产 year reached is enough without measured capacity', () => {
    const facts = metFacts();
    facts.capacity = { reachedOn: null, plannedTargetOn: '2025-03-31' };
    expect(advance('IN_PRODUCTION', 'AT_TARGET', facts).ok).toBe(true);
  });
});

describe('side states', () => {
  const suspend = (reason = '资金未到位') =>
    ({ type: 'suspend', reasonCategory: 'funding', reason, expectedResumeOn: '2025-06-30' }) as const;

  it.each(PROJECT_STATES)('suspend from %s only after FILED and before COMPLETED', (state) => {
    const allowed = ['LAND_PREP', 'LAND_SUPPLIED', 'APPROVING', 'STARTED'].includes(state);
    const result = transition(state, suspend(), metFacts());
    expect(result.ok).toBe(allowed);
  });

  it('suspension needs a category, a reason and a future resume date', () => {
    const result = transition(
      'STARTED',
      { type: 'suspend', reasonCategory: null, reason: ' ', expectedResumeOn: '2025-03-31' },
      metFacts(),
    );
    if (result.ok || result.illegal) throw new Error('expected a refusal');
    expect(result.unmet.map((c) => c.code)).toEqual([
      'SUSPEND_CATEGORY',
      'SUSPEND_REASON',
      'SUSPEND_RESUME_PAST',
    ]);
  });

  it('resume returns to the saved state and re-checks the gate into it', () => {
    expect(transition('SUSPENDED', { type: 'resume', savedState: 'STARTED' }, metFacts())).toEqual({
      ok: true,
      to: 'STARTED',
      gateChecked: true,
    });
    const facts = metFacts();
    facts.constructionPermit.file = false;
    const result = transition('SUSPENDED', { type: 'resume', savedState: 'STARTED' }, facts);
    expect(result).toMatchObject({ ok: false, illegal: false, to: 'STARTED' });
    expect(transition('STARTED', { type: 'resume', savedState: 'STARTED' }, metFacts())).toMatchObject({
      illegal: true,
    });
  });

  it('a leased project resumes into APPROVING through the no-land gate', () => {
    const facts = metFacts('leased_plant');
    const refused = transition('SUSPENDED', { type: 'resume', savedState: 'APPROVING' }, facts);
    if (refused.ok || refused.illegal) throw new Error('expected a refusal');
    expect(refused.unmet.map((c) => c.code)).toEqual(['LEASE_OR_TITLE']);
  });

  it('terminate from any non-terminal state with a reason', () => {
    for (const state of PROJECT_STATES) {
      const result = transition(state, { type: 'terminate', reason: '投资方撤回' }, metFacts());
      expect(result.ok).toBe(state !== 'TERMINATED' && state !== 'POST_EVALUATED');
    }
    expect(transition('LEAD', { type: 'terminate', reason: '' }, metFacts())).toMatchObject({
      illegal: false,
    });
  });
});

describe('required fields by state', () => {
  it('a lead needs only the lead fields', () => {
    expect(missingRequiredFields({ name: '项目' }, 'LEAD')).toEqual([
      'investorName',
      'investorOrigin',
      'regionId',
      'industryChain',
      'responsibleOrgId',
      'source',
    ]);
  });
  it('plot ratio is not required of a leased project', () => {
    const f = metFacts('leased_plant').fields;
    f.plotRatio = null;
    f.buildingCoverage = null;
    f.greenRatio = null;
    expect(missingRequiredFields(f, 'STARTED')).toEqual([]);
    expect(missingRequiredFields({ ...f, landUse: 'new_land' }, 'STARTED')).toEqual([
      'plotRatio',
      'buildingCoverage',
      'greenRatio',
    ]);
  });
});

describe('validators', () => {
  it.each([
    ['2025-320412-04-01-123458', undefined],
    ['2019-320412-78-01-570112', undefined],
    ['2025－320412－04－01－123458', undefined],
    ['2025-320412-04-01-12345', 'PROJECT_CODE_FORMAT'],
    ['1899-320412-04-01-123458', 'PROJECT_CODE_FORMAT'],
    ['2026-320412-04-01-123458', 'PROJECT_CODE_YEAR'],
    ['2025-110105-04-01-123458', 'PROJECT_CODE_REGION'],
  ])('项目代码 %s → %s', (code, problem) => {
    expect(checkProjectCode(code, TODAY)).toBe(problem);
  });

  it.each([
    ['13912345678', true],
    ['0519-86123456', true],
    ['051986123456', true],
    ['12912345678', false],
    ['1391234567', false],
    ['86123456', false],
  ])('phone %s → %s', (phone, valid) => expect(isValidPhone(phone)).toBe(valid));

  it('dates must not run backwards, naming the field each must follow', () => {
    expect(
      checkDateOrder({
        signedOn: '2025-03-01',
        plannedStartOn: '2025-02-01',
        plannedCompletionOn: '2025-12-01',
      }),
    ).toEqual([{ field: 'plannedStartOn', after: 'signedOn' }]);
    expect(checkDateOrder({ actualStartOn: '2025-05-01', actualCompletionOn: '2025-04-30' })).toEqual([
      { field: 'actualCompletionOn', after: 'actualStartOn' },
    ]);
    expect(checkDateOrder({ signedOn: '2025-01-01', actualStartOn: '2025-01-01' })).toEqual([]);
  });

  it('annual plan within total investment; 亩 from m²', () => {
    expect(annualPlanWithinTotal(100, 100)).toBe(true);
    expect(annualPlanWithinTotal(101, 100)).toBe(false);
    expect(squareMetresToMu(66_666.67)).toBeCloseTo(100, 3);
  });

  it('library notes advise, they never refuse', () => {
    expect(libraryEntryNotes('district', { totalInvestment: 40_000_000, landAreaM2: 1000 })).toHaveLength(1);
    expect(libraryEntryNotes('district', { totalInvestment: 40_000_000, landAreaM2: 7000 })).toEqual([]);
    expect(libraryEntryNotes('city', { totalInvestment: 100_000_000, landAreaM2: 0 })).toEqual([]);
  });
});

describe('yearly category (§3.4)', () => {
  const d = (p: Partial<Parameters<typeof deriveYearCategory>[0]>) => ({
    plannedStartOn: null,
    actualStartOn: null,
    plannedCompletionOn: null,
    actualCompletionOn: null,
    ...p,
  });
  it.each([
    [
      'reserve: planned start next year',
      d({ plannedStartOn: '2026-03-01' }),
      { start: 'reserve', completing: false },
    ],
    [
      'new: planned start this year',
      d({ plannedStartOn: '2025-06-01' }),
      { start: 'new', completing: false },
    ],
    [
      'new and completing',
      d({ plannedStartOn: '2025-02-01', plannedCompletionOn: '2025-12-31' }),
      { start: 'new', completing: true },
    ],
    [
      'continuing: started last year',
      d({ actualStartOn: '2024-05-01', plannedCompletionOn: '2026-06-30' }),
      { start: 'continuing', completing: false },
    ],
    [
      'continuing and completing',
      d({ actualStartOn: '2024-05-01', actualCompletionOn: '2025-10-01' }),
      { start: 'continuing', completing: true },
    ],
    [
      'late start still counts as new',
      d({ plannedStartOn: '2024-10-01' }),
      { start: 'new', completing: false },
    ],
    [
      'completed last year: no place',
      d({ actualStartOn: '2023-01-01', actualCompletionOn: '2024-12-31' }),
      null,
    ],
  ])('%s', (_name, dates, expected) => expect(deriveYearCategory(dates, 2025)).toEqual(expected));
});

describe('keyword search grams', () => {
  const doc = searchDocument(['常州燕龙汽车零部件有限公司', '2025-320412-36-03-204817'], '常州燕龙');
  const matches = (raw: string) => {
    const t = searchTerm(raw);
    if (!t) return false;
    return t.grams.every((g) => doc.grams.includes(g)) && (!t.substring || doc.text.includes(t.term));
  };
  it('finds one-, two- and four-character Chinese terms, codes and pinyin initials', () => {
    expect(matches('燕')).toBe(true);
    expect(matches('燕龙')).toBe(true);
    expect(matches('汽车零部')).toBe(true);
    expect(matches('320412-36')).toBe(true);
    expect(matches('CZYL')).toBe(true);
  });
  it('does not match pairs that are not adjacent', () => {
    expect(matches('龙燕')).toBe(false);
    expect(matches('常州零部')).toBe(false);
    expect(searchTerm('  ')).toBeNull();
  });
});

describe('file sniffing', () => {
  const pdf = new TextEncoder().encode('%PDF-1.7\n');
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);
  it('accepts content that matches its extension', () => {
    expect(sniffFile(pdf, '投资协议.pdf')).toMatchObject({ ok: true, type: 'pdf' });
    expect(sniffFile(png, '现场.PNG')).toMatchObject({ ok: true, type: 'png' });
  });
  it('a zip or OLE container must hold the parts of the document it claims to be', () => {
    const zip = (names: string[]) =>
      Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...new TextEncoder().encode(names.join('\u0000'))]);
    const docx = zip(['[Content_Types].xml', 'word/document.xml']);
    expect(sniffFile(docx, '合同.docx')).toMatchObject({ ok: true, type: 'docx' });
    expect(verifyContainer('docx', docx)).toBe(true);
    expect(verifyContainer('docx', zip(['setup.exe']))).toBe(false);
    expect(verifyContainer('xlsx', docx)).toBe(false);
    const utf16 = (t: string) => [...t].flatMap((c) => [c.charCodeAt(0), 0]);
    const ole = (name: string) =>
      Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...utf16(name)]);
    expect(verifyContainer('doc', ole('WordDocument'))).toBe(true);
    expect(verifyContainer('doc', ole('MsiDatabase'))).toBe(false);
    expect(verifyContainer('pdf', pdf)).toBe(true);
  });

  it('refuses a renamed file and unknown content', () => {
    expect(sniffFile(pdf, '协议.docx')).toMatchObject({ ok: false });
    expect(sniffFile(new TextEncoder().encode('MZ\x90\x00'), '协议.pdf')).toMatchObject({ ok: false });
    expect(sniffFile(new TextEncoder().encode('<html>'), 'a.html')).toMatchObject({ ok: false });
  });
});

describe('isLandSupplied', () => {
  it.each([
    ['LAND_PREP', false],
    ['LAND_SUPPLIED', true],
    ['APPROVING', true],
    ['SUSPENDED', false],
  ] as const)('%s → %s', (state, supplied) => {
    expect(isLandSupplied(state)).toBe(supplied);
  });
});
