import { describe, expect, it } from 'vitest';
import {
  checkIssueDates,
  completionEligibility,
  completionShares,
  daysAcceptanceToTitle,
} from './completion';

const ready = {
  surveyReportNo: '多测合一-2025-018',
  surveyApprovedOn: '2025-05-20',
  premiumPaid: true,
  noIllegalConstruction: true,
  surveyApproved: true,
  jointAcceptancePassed: true,
  noSeizure: true,
};

describe('竣工即发证 eligibility (§9.1)', () => {
  it('is eligible with the survey approved and every flag true', () => {
    expect(completionEligibility(ready)).toEqual({ eligible: true, missingFlags: [], problems: [] });
  });

  it('names every missing flag and a missing survey', () => {
    const check = completionEligibility({
      ...ready,
      premiumPaid: false,
      noSeizure: false,
      surveyReportNo: ' ',
    });
    expect(check.eligible).toBe(false);
    expect(check.missingFlags).toEqual(['premiumPaid', 'noSeizure']);
    expect(check.problems).toEqual([
      '未填写多测合一测绘成果报告编号',
      '未满足：土地出让金及税费已缴清',
      '未满足：土地无查封、无权属争议',
    ]);
    expect(completionEligibility({ ...ready, surveyApprovedOn: null }).problems).toEqual([
      '未填写测绘成果审定日期',
    ]);
  });
});

describe('days from joint acceptance to title', () => {
  it('is 0 on the same day and counts calendar days otherwise', () => {
    expect(daysAcceptanceToTitle('2025-06-10', '2025-06-10')).toBe(0);
    expect(daysAcceptanceToTitle('2025-06-10', '2025-06-13')).toBe(3);
    expect(daysAcceptanceToTitle('2025-12-30', '2026-01-02')).toBe(3);
  });

  it('refuses outputs before the acceptance or in the future; warns on a filing after 15 days', () => {
    const same = { jointAcceptanceOn: '2025-06-10', filingOn: '2025-06-10', titleOn: '2025-06-10' };
    expect(checkIssueDates(same, '2025-06-10')).toEqual({
      errors: [],
      warnings: [],
      daysAcceptanceToTitle: 0,
    });
    expect(checkIssueDates({ ...same, filingOn: '2025-06-25' }, '2025-07-01').warnings).toEqual([]);
    expect(checkIssueDates({ ...same, filingOn: '2025-06-26', titleOn: '2025-06-26' }, '2025-07-01')).toEqual(
      {
        errors: [],
        warnings: ['竣工验收备案在联合验收后第 16 天，超过 15 天的法定期限'],
        daysAcceptanceToTitle: 16,
      },
    );
    expect(checkIssueDates({ ...same, titleOn: '2025-06-09' }, '2025-07-01').errors).toEqual([
      '不动产权证书日期不能早于联合验收日期',
    ]);
    expect(checkIssueDates(same, '2025-06-09').errors).toContain('联合验收日期不能晚于今天');
  });

  it('shares: issued, same day, average days per 板块', () => {
    const shares = completionShares([
      { regionId: 'a', daysAcceptanceToTitle: 0 },
      { regionId: 'a', daysAcceptanceToTitle: 0 },
      { regionId: 'a', daysAcceptanceToTitle: 3 },
      { regionId: 'b', daysAcceptanceToTitle: 5 },
    ]);
    expect(shares).toEqual([
      { regionId: 'a', issued: 3, sameDay: 2, sameDayShare: 2 / 3, averageDays: 1 },
      { regionId: 'b', issued: 1, sameDay: 0, sameDayShare: 0, averageDays: 5 },
    ]);
  });
});
