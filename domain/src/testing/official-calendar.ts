import { dayNumber, dayString, type WorkingCalendarData } from '../approvals/working-days';

// The State Council's arrangements, typed from the notices (国办发明电〔2024〕12号 for 2025, 国办发明电〔2025〕7号
// for 2026), not from the library the server seeds from: the two are checked against each other.
export function span(from: string, to: string): string[] {
  const days: string[] = [];
  for (let n = dayNumber(from); n <= dayNumber(to); n++) days.push(dayString(n));
  return days;
}
export const HOLIDAYS_2025 = [
  '2025-01-01',
  ...span('2025-01-28', '2025-02-04'),
  ...span('2025-04-04', '2025-04-06'),
  ...span('2025-05-01', '2025-05-05'),
  ...span('2025-05-31', '2025-06-02'),
  ...span('2025-10-01', '2025-10-08'),
];
export const HOLIDAYS_2026 = [
  ...span('2026-01-01', '2026-01-03'),
  ...span('2026-02-15', '2026-02-23'),
  ...span('2026-04-04', '2026-04-06'),
  ...span('2026-05-01', '2026-05-05'),
  ...span('2026-06-19', '2026-06-21'),
  ...span('2026-09-25', '2026-09-27'),
  ...span('2026-10-01', '2026-10-07'),
];
export const WORKDAYS_2025 = ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'];
export const WORKDAYS_2026 = [
  '2026-01-04',
  '2026-02-14',
  '2026-02-28',
  '2026-05-09',
  '2026-09-20',
  '2026-10-10',
];
export const OFFICIAL: WorkingCalendarData = {
  verifiedYears: [2025, 2026],
  days: [
    ...[...HOLIDAYS_2025, ...HOLIDAYS_2026].map((day) => ({ day, kind: 'holiday' as const })),
    ...[...WORKDAYS_2025, ...WORKDAYS_2026].map((day) => ({ day, kind: 'workday' as const })),
  ],
};
