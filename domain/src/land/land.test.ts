import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from './dates';
import { readParcelFeatures } from './geometry';
import { assessIdle, assessUnderUse, idleFeeYuan, nextIdleStage } from './idle';
import { assessLandList, effectiveEntry, LAND_LIST_ITEM_CODES, type LandListEntry } from './land-list';
import { type LandDemand, type ParcelOffer, scoreParcel, scoreTotal } from './matching';
import { canMoveParcel, isApprovedUnsupplied, isParcelAvailable } from './parcels';

const TODAY = '2026-11-27';

describe('parcel status and 批而未供', () => {
  it.each([
    [{ conversionApprovalNo: '苏政地〔2024〕123号', supplied: false }, true],
    [{ conversionApprovalNo: '苏政地〔2024〕123号', supplied: true }, false],
    // Stock land re-acquired by the government: 储备, but never approved as new land.
    [{ conversionApprovalNo: null, supplied: false }, false],
  ])('%j is 批而未供: %s', (parcel, flag) => {
    expect(isApprovedUnsupplied(parcel)).toBe(flag);
  });

  it.each([
    ['planned', 'approved_unsupplied', true],
    ['approved_unsupplied', 'reserve', true],
    ['reserve', 'supplied', true],
    ['supplied', 'suspected_idle', true],
    ['idle', 'recovered', true],
    ['recovered', 'reserve', true],
    ['planned', 'supplied', false],
    ['reserve', 'built', false],
    ['built', 'reserve', false],
  ] as const)('%s → %s is legal: %s', (from, to, legal) => {
    expect(canMoveParcel(from, to)).toBe(legal);
  });

  it('offers only government-held land approved for construction', () => {
    expect(isParcelAvailable('reserve')).toBe(true);
    expect(isParcelAvailable('approved_unsupplied')).toBe(true);
    expect(isParcelAvailable('planned')).toBe(false);
    expect(isParcelAvailable('supplied')).toBe(false);
  });
});

describe('用地清单 completeness', () => {
  const all = (status: LandListEntry['status'], validUntil: string | null = null): LandListEntry[] =>
    LAND_LIST_ITEM_CODES.map((code) => ({ code, status, validUntil, source: 'parcel' }));

  it('is complete when every item is 已批复 and valid, or 不涉及', () => {
    const entries = all('approved', '2028-01-01').map((e, i) =>
      i % 3 ? e : { ...e, status: 'not_applicable' as const },
    );
    expect(assessLandList(entries, TODAY)).toMatchObject({ complete: true, done: 19, total: 19, open: [] });
  });

  it('counts an item that expired yesterday as expired, and one that expires today as still valid', () => {
    const entries = all('approved', '2028-01-01');
    entries[0] = { ...entries[0], validUntil: addDays(TODAY, -1) } as LandListEntry;
    entries[1] = { ...entries[1], validUntil: TODAY } as LandListEntry;
    const result = assessLandList(entries, TODAY);
    expect(result.complete).toBe(false);
    expect(result.expired).toEqual(['ENV']);
    expect(result.expiringSoon).toContain('ENERGY');
  });

  it('flags items expiring within 60 days, not those beyond', () => {
    const entries = all('approved', addDays(TODAY, 61));
    entries[2] = { ...entries[2], validUntil: addDays(TODAY, 60) } as LandListEntry;
    const result = assessLandList(entries, TODAY);
    expect(result.complete).toBe(true);
    expect(result.expiringSoon).toEqual(['QUAKE']);
  });

  it('lists missing, not started and in-progress items as open', () => {
    const entries = all('approved').slice(3);
    entries[0] = { ...entries[0], status: 'in_progress' } as LandListEntry;
    const result = assessLandList(entries, TODAY);
    expect(result.open).toEqual(['ENV', 'ENERGY', 'QUAKE', 'GEOHAZ']);
    expect(result.done).toBe(15);
  });

  it('lets a valid regional assessment stand for an item the parcel lacks or let expire', () => {
    const regional: LandListEntry = {
      code: 'ENV',
      status: 'approved',
      validUntil: '2027-06-30',
      source: 'regional',
    };
    const expiredOwn: LandListEntry = {
      code: 'ENV',
      status: 'approved',
      validUntil: '2025-01-01',
      source: 'parcel',
    };
    const validOwn: LandListEntry = {
      code: 'ENV',
      status: 'approved',
      validUntil: '2029-01-01',
      source: 'parcel',
    };
    expect(effectiveEntry(undefined, regional, TODAY)).toBe(regional);
    expect(effectiveEntry(expiredOwn, regional, TODAY)).toBe(regional);
    expect(effectiveEntry(validOwn, regional, TODAY)).toBe(validOwn);
    expect(effectiveEntry(expiredOwn, { ...regional, validUntil: '2026-01-01' }, TODAY)).toBe(expiredOwn);
  });
});

describe('idle land (53号令) boundaries', () => {
  const supplied = (agreedStartOn: string) => ({
    agreedStartOn,
    actualStartOn: null,
    areaM2: 40_000,
    developedAreaM2: null,
    investedYuan: null,
    totalInvestmentYuan: null,
    lastProgressOn: null,
  });

  it.each([
    [-10, 'none'],
    [0, 'none'],
    [299, 'none'],
    [300, 'yellow'],
    [364, 'yellow'],
    [365, 'suspected'],
    [800, 'suspected'],
  ] as const)('%i days past the agreed start without starting: %s', (days, light) => {
    const result = assessIdle(supplied(addDays(TODAY, -days)), TODAY);
    expect(result.light).toBe(light);
    expect(result.daysSinceAgreedStart).toBe(days);
  });

  it('reads a start with under 1/3 developed and no progress for a year as suspected, and says why', () => {
    const input = {
      ...supplied('2024-06-01'),
      actualStartOn: '2024-07-01',
      developedAreaM2: 10_000,
      investedYuan: 50_000_000,
      totalInvestmentYuan: 100_000_000,
      lastProgressOn: addDays(TODAY, -365),
    };
    const result = assessIdle(input, TODAY);
    expect(result.light).toBe('suspected');
    expect(result.reason).toContain('已开发面积 25.0%');
    expect(result.reason).not.toContain('已投资');
    expect(assessIdle({ ...input, lastProgressOn: addDays(TODAY, -364) }, TODAY).light).toBe('yellow');
    expect(assessIdle({ ...input, developedAreaM2: 13_400 }, TODAY).light).toBe('none');
  });

  it('says nothing without an agreed start date', () => {
    expect(assessIdle({ ...supplied(TODAY), agreedStartOn: null }, TODAY).light).toBe('none');
  });

  it('charges 20% of the land price as 土地闲置费', () => {
    expect(idleFeeYuan(36_000_000)).toBe(7_200_000);
    expect(nextIdleStage('investigation')).toBe('determination');
    expect(nextIdleStage('closed')).toBeNull();
  });

  it('finds 用而不足 below the minimum 容积率 or the investment intensity', () => {
    expect(
      assessUnderUse({
        areaM2: 40_000,
        plotRatioMin: 1.5,
        intensityMinWanPerMu: 400,
        floorAreaM2: 48_000,
        fixedAssetInvestmentYuan: 18_000_000_000 / 100,
      }),
    ).toEqual({
      underused: true,
      reasons: ['容积率 1.20 低于规划下限 1.5', '投资强度 300 万元/亩 低于标准 400 万元/亩'],
    });
    expect(
      assessUnderUse({
        areaM2: 40_000,
        plotRatioMin: 1.5,
        intensityMinWanPerMu: 400,
        floorAreaM2: 64_000,
        fixedAssetInvestmentYuan: 3_000_000_000,
      }).underused,
    ).toBe(false);
  });
});

describe('matching a project to parcels', () => {
  const demand: LandDemand = {
    areaM2: 40_000,
    use: 'industrial',
    industryChain: '智能电动汽车',
    plotRatioNeeded: 1.6,
    intensityWanPerMu: 500,
    wantedOn: '2027-03-01',
  };
  const offer: ParcelOffer = {
    areaM2: 44_000,
    use: 'industrial',
    status: 'reserve',
    industries: ['智能电动汽车', '高端装备'],
    plotRatioMin: 1.5,
    plotRatioMax: 2.5,
    intensityMinWanPerMu: 400,
    listDone: 19,
    listTotal: 19,
    readyOn: null,
  };

  it('gives full marks to a ready parcel of the right size, use, industry and conditions, and shows each part', () => {
    const score = scoreParcel(demand, offer, TODAY);
    expect(score.total).toBe(100);
    expect(score.parts.map((p) => p.part)).toEqual(['area', 'use', 'conditions', 'list', 'timing']);
    expect(score.parts[0]?.explanation).toBe('地块 66.0 亩，需求 60.0 亩（1.10 倍）');
  });

  it('takes points off part by part, saying why', () => {
    const small = scoreParcel(demand, { ...offer, areaM2: 30_000 }, TODAY);
    expect(small.parts[0]).toMatchObject({ points: 0 });
    expect(small.parts[0]?.explanation).toContain('面积不足');
    const otherChain = scoreParcel(demand, { ...offer, industries: ['医疗器械'] }, TODAY);
    expect(otherChain.parts[1]).toMatchObject({ points: 12.5 });
    const tooDense = scoreParcel(demand, { ...offer, plotRatioMax: 1.2 }, TODAY);
    expect(tooDense.parts[2]).toMatchObject({ points: 6 });
    const halfList = scoreParcel(demand, { ...offer, listDone: 15 }, TODAY);
    expect(halfList.parts[3]?.points).toBeCloseTo((15 / 19) * 20, 1);
    const uncleared = scoreParcel(demand, { ...offer, status: 'approved_unsupplied' }, TODAY);
    expect(uncleared.parts[4]).toMatchObject({ points: 6 });
    const late = scoreParcel(demand, { ...offer, readyOn: addDays('2027-03-01', 365) }, TODAY);
    expect(late.parts[4]?.points).toBe(0);
  });

  it('ranks the better fit first', () => {
    const candidates = [
      { id: 'big', ...offer, areaM2: 120_000 },
      { id: 'right', ...offer },
      { id: 'near', ...offer, areaM2: 38_000 },
    ];
    const ranked = candidates
      .map((c) => ({ id: c.id, total: scoreParcel(demand, c, TODAY).total }))
      .sort((a, b) => b.total - a.total);
    expect(ranked.map((r) => r.id)).toEqual(['right', 'near', 'big']);
  });

  it('ranks by the same total with or without the explanations', () => {
    const uses = ['industrial', 'm0', 'warehouse', 'commercial'] as const;
    for (let i = 0; i < 500; i++) {
      const variant: ParcelOffer = {
        ...offer,
        areaM2: 20_000 + ((i * 7919) % 120_000),
        use: uses[i % uses.length] ?? 'industrial',
        status: i % 2 === 0 ? 'reserve' : 'approved_unsupplied',
        industries: i % 3 === 0 ? [] : i % 3 === 1 ? ['智能电动汽车'] : ['医疗器械'],
        plotRatioMax: 1 + (i % 5) * 0.4,
        listDone: 15 + (i % 5),
        readyOn: i % 4 === 0 ? addDays('2027-03-01', (i % 7) * 40) : null,
      };
      expect(scoreTotal(demand, variant, TODAY)).toBe(scoreParcel(demand, variant, TODAY).total);
    }
  });
});

describe('parcel polygons from GeoJSON', () => {
  // About 100 m × 100 m near 湖塘 (0.001° of latitude ≈ 111 m).
  const square = (lon: number, lat: number, size = 0.001) => [
    [lon, lat],
    [lon + size, lat],
    [lon + size, lat + size],
    [lon, lat + size],
    [lon, lat],
  ];
  const feature = (coordinates: number[][][], properties: Record<string, unknown> = {}) => ({
    type: 'Feature',
    properties,
    geometry: { type: 'Polygon', coordinates },
  });

  it('reads valid parcels, computes their area and warns when the declared area differs by more than 5%', () => {
    const result = readParcelFeatures({
      type: 'FeatureCollection',
      features: [
        feature([square(119.97, 31.72)], { 面积: 10_480 }),
        feature([square(119.98, 31.72)], { 面积: 9_000 }),
      ],
    });
    expect(result.problems).toEqual([]);
    expect(result.features).toHaveLength(2);
    // 0.001° × 0.001° at 31.72°N: about 94.6 m × 110.9 m.
    expect(result.features[0]?.areaM2).toBeGreaterThan(10_300);
    expect(result.features[0]?.areaM2).toBeLessThan(10_700);
    expect(result.warnings.map((w) => w.index)).toEqual([1]);
  });

  it('refuses each invalid feature with its index and the reason', () => {
    const bowtie = [
      [119.97, 31.72],
      [119.98, 31.73],
      [119.98, 31.72],
      [119.97, 31.73],
      [119.97, 31.72],
    ];
    const result = readParcelFeatures({
      type: 'FeatureCollection',
      features: [
        feature([square(119.97, 31.72)]),
        feature([bowtie]),
        feature([square(119.97, 31.72).slice(0, 4)]),
        feature([square(40_500_000, 3_500_000, 100)]),
        { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [119.97, 31.72] } },
      ],
    });
    expect(result.features.map((f) => f.index)).toEqual([0]);
    expect(result.problems.map((p) => p.index)).toEqual([1, 2, 3, 4]);
    expect(result.problems[0]?.reason).toContain('自相交');
    expect(result.problems[1]?.reason).toContain('未闭合');
    expect(result.problems[2]?.reason).toContain('投影坐标');
    expect(result.problems[3]?.reason).toContain('Point');
  });

  it('refuses what is not GeoJSON at all', () => {
    expect(readParcelFeatures({ rows: [] }).problems[0]?.reason).toContain('FeatureCollection');
  });
});

describe('calendar days', () => {
  it('counts across a month end and a leap day', () => {
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
