import type {
  CalendarDay,
  CalendarYear,
  CalendarYearSummary,
  SaveCalendarYearBody,
} from '@groundbreak/contract';
import {
  addWorkingDays,
  approvalDueOn,
  compileCalendar,
  dayNumber,
  isWeekend,
  unconfiguredYearWarning,
  unverifiedYears,
  type WorkingCalendar,
} from '@groundbreak/domain';
import { and, asc, eq, gte, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import { type Clock, shanghaiDate } from '../../clock';
import type { Database, Db } from '../../db/database';
import { calendarDays, calendarYears, projectApprovalItems } from '../../db/schema/index';
import { AppError, notFound } from '../../errors';
import { versionConflict } from '../../lib/conflict';
import type { AuditActor, AuditRepository } from '../audit/audit.repository';
import { officialCalendarData } from './official-days';

// The working-day calendar behind every approval deadline and plan: read from calendar_days, compiled once
// and kept for a minute (an administrator's save here drops it at once; another instance of the app sees it
// within the minute).

const CACHE_MS = 60_000;

/** Seeds each year the shipped arrangements cover and the table does not have yet; never overwrites. */
export async function seedOfficialCalendar(db: Db): Promise<number> {
  const official = officialCalendarData();
  const have = new Set(
    (await db.select({ year: calendarYears.year }).from(calendarYears)).map((r) => r.year),
  );
  const missing = official.verifiedYears.filter((y) => !have.has(y));
  if (missing.length === 0) return 0;
  await db.transaction(async (tx) => {
    await tx
      .insert(calendarYears)
      .values(missing.map((year) => ({ year, source: 'official' as const, notice: null })))
      .onConflictDoNothing();
    const days = official.days.filter((d) => missing.includes(Number(d.day.slice(0, 4))));
    if (days.length > 0) {
      await tx
        .insert(calendarDays)
        .values(
          days.map((d) => ({ day: d.day, year: Number(d.day.slice(0, 4)), kind: d.kind, name: d.name })),
        )
        .onConflictDoNothing();
    }
  });
  return missing.length;
}

export function createCalendarService(deps: { database: Database; audit: AuditRepository; clock: Clock }) {
  const { db } = deps.database;
  let cached: { at: number; calendar: WorkingCalendar } | undefined;

  async function load(): Promise<WorkingCalendar> {
    const years = await db.select({ year: calendarYears.year }).from(calendarYears);
    const days = await db.select({ day: calendarDays.day, kind: calendarDays.kind }).from(calendarDays);
    return compileCalendar({ verifiedYears: years.map((y) => y.year), days });
  }

  async function calendar(): Promise<WorkingCalendar> {
    const now = Date.now();
    if (!cached || now - cached.at > CACHE_MS) cached = { at: now, calendar: await load() };
    return cached.calendar;
  }

  function warningsFor(configured: ReadonlySet<number>): string[] {
    const year = Number(shanghaiDate(deps.clock.now()).slice(0, 4));
    return [year, year + 1].filter((y) => !configured.has(y)).map(unconfiguredYearWarning);
  }

  return {
    calendar,

    async listYears(): Promise<{ items: CalendarYearSummary[]; warnings: string[] }> {
      const rows = await db
        .select({
          year: calendarYears.year,
          source: calendarYears.source,
          notice: calendarYears.notice,
          version: calendarYears.version,
          updatedAt: calendarYears.updatedAt,
          holidays: sql<number>`count(*) FILTER (WHERE ${calendarDays.kind} = 'holiday')::int`,
          workdays: sql<number>`count(*) FILTER (WHERE ${calendarDays.kind} = 'workday')::int`,
        })
        .from(calendarYears)
        .leftJoin(calendarDays, eq(calendarDays.year, calendarYears.year))
        .groupBy(calendarYears.year)
        .orderBy(sql`${calendarYears.year} DESC`);
      return {
        items: rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() })),
        warnings: warningsFor(new Set(rows.map((r) => r.year))),
      };
    },

    async getYear(year: number): Promise<CalendarYear> {
      const [row] = await db.select().from(calendarYears).where(eq(calendarYears.year, year));
      const days = await db
        .select({ day: calendarDays.day, kind: calendarDays.kind, name: calendarDays.name })
        .from(calendarDays)
        .where(eq(calendarDays.year, year))
        .orderBy(asc(calendarDays.day));
      return {
        year,
        configured: row !== undefined,
        source: row?.source ?? null,
        notice: row?.notice ?? null,
        version: row?.version ?? 0,
        days,
      };
    },

    /** Replaces a year's arrangement (the whole year at once, as the notice gives it); audited. */
    async saveYear(actor: AuditActor, year: number, body: SaveCalendarYearBody): Promise<CalendarYear> {
      const problems = checkYearDays(year, body.days);
      if (problems.length > 0) {
        throw new AppError('VALIDATION_FAILED', problems[0] as string, { problems });
      }
      const now = deps.clock.now();
      const before = await this.getYear(year);
      await db.transaction(async (tx) => {
        if (before.configured) {
          const updated = await tx
            .update(calendarYears)
            .set({
              source: 'admin',
              notice: body.notice,
              version: sql`${calendarYears.version} + 1`,
              updatedAt: now,
              updatedBy: actor.userId,
            })
            .where(sql`${calendarYears.year} = ${year} AND ${calendarYears.version} = ${body.version}`)
            .returning({ year: calendarYears.year });
          if (updated.length === 0) {
            const [current] = await db.select().from(calendarYears).where(eq(calendarYears.year, year));
            throw current ? await versionConflict(db, `${year}年节假日安排`, current) : notFound('年度');
          }
        } else {
          if (body.version !== 0)
            throw new AppError('VERSION_CONFLICT', `${year}年节假日安排不存在，请刷新后再保存`);
          const inserted = await tx
            .insert(calendarYears)
            .values({ year, source: 'admin', notice: body.notice, updatedAt: now, updatedBy: actor.userId })
            .onConflictDoNothing()
            .returning({ year: calendarYears.year });
          if (inserted.length === 0) {
            throw new AppError('VERSION_CONFLICT', `${year}年节假日安排已被他人保存，请载入最新版本后再保存`);
          }
        }
        await tx.delete(calendarDays).where(eq(calendarDays.year, year));
        if (body.days.length > 0) {
          await tx.insert(calendarDays).values(body.days.map((d) => ({ ...d, year })));
        }
        const moved = await redateApprovals(tx, year, now);
        const key = (d: CalendarDay) => `${d.day}:${d.kind}`;
        const was = new Set(before.days.map(key));
        const now2 = new Set(body.days.map(key));
        await deps.audit.append(
          tx,
          actor,
          {
            action: 'calendar.year.save',
            objectType: 'calendar_year',
            objectId: String(year),
            result: 'success',
            summary: {
              before: { configured: before.configured, notice: before.notice, days: before.days.length },
              after: { notice: body.notice, days: body.days.length },
              added: body.days.filter((d) => !was.has(key(d))).map(key),
              dueDatesMoved: moved,
              removed: before.days.filter((d) => !now2.has(key(d))).map(key),
            },
          },
          now,
        );
      });
      cached = undefined;
      return this.getYear(year);
    },

    /** A deadline `days` working days after `from`, and whether the years it crossed are configured. */
    async due(from: string, days: number) {
      const cal = await calendar();
      let due: string;
      try {
        due = addWorkingDays(cal, from, days);
      } catch (error) {
        throw new AppError('VALIDATION_FAILED', (error as Error).message);
      }
      const [a, b] = [from, due].sort();
      const missing = unverifiedYears(cal, Number(a?.slice(0, 4)), Number(b?.slice(0, 4)));
      return { from, days, due, verified: missing.length === 0, unverifiedYears: missing };
    },
  };
}

/**
 * Due dates counted across `year` were counted on the weekend rule or the year's old arrangement: each is
 * counted again on the calendar as just saved (inside the save's transaction); returns how many moved.
 */
async function redateApprovals(tx: Db, year: number, now: Date): Promise<number> {
  const [years, days] = await Promise.all([
    tx.select({ year: calendarYears.year }).from(calendarYears),
    tx.select({ day: calendarDays.day, kind: calendarDays.kind }).from(calendarDays),
  ]);
  const cal = compileCalendar({ verifiedYears: years.map((y) => y.year), days });
  const items = await tx
    .select({
      id: projectApprovalItems.id,
      acceptedOn: projectApprovalItems.acceptedOn,
      dueOn: projectApprovalItems.dueOn,
      promisedDays: projectApprovalItems.promisedDays,
      unit: projectApprovalItems.unit,
    })
    .from(projectApprovalItems)
    .where(
      and(
        isNull(projectApprovalItems.deletedAt),
        isNotNull(projectApprovalItems.acceptedOn),
        lte(projectApprovalItems.acceptedOn, `${year}-12-31`),
        gte(projectApprovalItems.dueOn, `${year}-01-01`),
      ),
    );
  let moved = 0;
  for (const item of items) {
    const dueOn = approvalDueOn(cal, item.acceptedOn as string, item.promisedDays, item.unit);
    if (dueOn === item.dueOn) continue;
    await tx
      .update(projectApprovalItems)
      .set({ dueOn, version: sql`${projectApprovalItems.version} + 1`, updatedAt: now })
      .where(eq(projectApprovalItems.id, item.id));
    moved++;
  }
  return moved;
}

/** What is wrong with a year's days, in Chinese, one line per problem (empty when it can be saved). */
export function checkYearDays(year: number, days: readonly CalendarDay[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const d of days) {
    if (Number(d.day.slice(0, 4)) !== year) problems.push(`${d.day} 不在 ${year} 年`);
    if (seen.has(d.day)) problems.push(`${d.day} 重复出现`);
    seen.add(d.day);
    let n: number;
    try {
      n = dayNumber(d.day);
    } catch (error) {
      problems.push((error as Error).message);
      continue;
    }
    if (d.kind === 'workday' && !isWeekend(n)) {
      problems.push(`${d.day} 本来就是工作日，不能设为调休上班日`);
    }
  }
  return problems;
}

export type CalendarService = ReturnType<typeof createCalendarService>;
