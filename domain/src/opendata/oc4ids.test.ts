import { describe, expect, it } from 'vitest';
import type { ProjectState } from '../projects/states';
import { isMuClass, taxPerMuYuan } from './mu';
import {
  isLonLat,
  isPublicProject,
  milestoneStatusOf,
  oc4idsPeriod,
  projectSectorsOf,
  projectStatusOf,
  projectTypeOf,
} from './oc4ids';

const facts = (state: ProjectState, extra: { from?: ProjectState; filedOn?: string } = {}) => ({
  state,
  suspendedFromState: extra.from ?? null,
  filedOn: extra.filedOn ?? null,
});

describe('which projects are public and their OC4IDS status', () => {
  it.each([
    ['LEAD', null],
    ['NEGOTIATING', null],
    ['SIGNED', null],
    ['FILED', 'preparation'],
    ['LAND_PREP', 'preparation'],
    ['LAND_SUPPLIED', 'preparation'],
    ['APPROVING', 'preparation'],
    ['STARTED', 'implementation'],
    ['COMPLETED', 'completion'],
    ['IN_PRODUCTION', 'maintenance'],
    ['AT_TARGET', 'maintenance'],
    ['POST_EVALUATED', 'maintenance'],
  ] as const)('%s → %s', (state, status) => {
    expect(projectStatusOf(facts(state))).toBe(status);
    expect(isPublicProject(facts(state))).toBe(status !== null);
  });

  it('keeps the status of the state a suspended project resumes', () => {
    expect(projectStatusOf(facts('SUSPENDED', { from: 'STARTED' }))).toBe('implementation');
    expect(projectStatusOf(facts('SUSPENDED', { from: 'APPROVING' }))).toBe('preparation');
  });

  it('publishes a termination only for a project that had been filed', () => {
    expect(projectStatusOf(facts('TERMINATED', { filedOn: '2024-03-01' }))).toBe('cancelled');
    expect(projectStatusOf(facts('TERMINATED'))).toBeNull();
    expect(isPublicProject(facts('TERMINATED'))).toBe(false);
  });
});

describe('codes', () => {
  it.each([
    ['new', 'construction'],
    ['expansion', 'expansion'],
    ['renovation', 'rehabilitation'],
    ['tech_upgrade', 'rehabilitation'],
    ['relocation', 'replacement'],
    [null, null],
    ['other', null],
  ])('建设性质 %s → %s', (nature, type) => expect(projectTypeOf(nature)).toBe(type));

  it('reads the sector from the industry code, else from the industry chain', () => {
    expect(projectSectorsOf('C36', '智能电动汽车')).toEqual(['economy']);
    expect(projectSectorsOf('D44', '新能源')).toEqual(['energy']);
    expect(projectSectorsOf('G54', null)).toEqual(['transport.road']);
    expect(projectSectorsOf('N78', null)).toEqual(['waterAndWaste']);
    expect(projectSectorsOf('Q84', '医疗器械')).toEqual(['health']);
    expect(projectSectorsOf('C35', '医疗器械')).toEqual(['health']);
    expect(projectSectorsOf('R88', '文旅')).toEqual(['cultureSportsAndRecreation']);
    expect(projectSectorsOf(null, null)).toEqual([]);
  });

  it('derives milestone states from the day', () => {
    expect(milestoneStatusOf('2025-03-01', '2025-02-27', '2025-04-01')).toBe('met');
    expect(milestoneStatusOf('2025-03-01', null, '2025-04-01')).toBe('notMet');
    expect(milestoneStatusOf('2025-03-01', null, '2025-03-01')).toBe('scheduled');
    // A date met in the future (a typing slip) is not met yet.
    expect(milestoneStatusOf('2025-05-01', '2025-06-01', '2025-04-01')).toBe('scheduled');
  });

  it('writes periods as Asia/Shanghai date-times with their length in days', () => {
    expect(oc4idsPeriod('2025-01-01', '2025-12-31')).toEqual({
      startDate: '2025-01-01T00:00:00+08:00',
      endDate: '2025-12-31T00:00:00+08:00',
      durationInDays: 365,
    });
    expect(oc4idsPeriod(null, '2025-12-31')).toEqual({ endDate: '2025-12-31T00:00:00+08:00' });
    expect(oc4idsPeriod(null, null)).toBeNull();
  });

  it('takes only real longitude/latitude pairs', () => {
    expect(isLonLat(119.95, 31.7)).toBe(true);
    expect(isLonLat(null, 31.7)).toBe(false);
    expect(isLonLat(0, 0)).toBe(false);
    expect(isLonLat(3_500_000, 40_000_000)).toBe(false);
  });
});

describe('亩均', () => {
  it('computes 亩均税收 in 元 per 亩 and knows the classes', () => {
    expect(taxPerMuYuan(12_000_000, 40)).toBe(300_000);
    expect(taxPerMuYuan(10, 3)).toBe(3);
    expect(taxPerMuYuan(12_000_000, 0)).toBeNull();
    expect(taxPerMuYuan(null, 40)).toBeNull();
    expect(isMuClass('T')).toBe(true);
    expect(isMuClass('E')).toBe(false);
  });
});
