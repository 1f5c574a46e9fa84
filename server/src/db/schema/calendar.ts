import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// The official working-day calendar (工作日): a year is configured when its row exists — seeded from the
// published arrangements the app ships, or entered by the system administrator when the State Council
// publishes the next year's. Its days are the exceptions to the weekend rule: holidays, and weekend days
// worked (调休). Beyond the configured years the weekend rule applies and deadlines are shown unverified.

export const calendarYears = pgTable(
  'calendar_years',
  {
    year: integer('year').primaryKey(),
    /** 'official' when seeded from the shipped data; 'admin' once an administrator has saved it. */
    source: text('source', { enum: ['official', 'admin'] }).notNull(),
    /** The notice it follows (e.g. 国办发明电〔2025〕7号), as the administrator typed it. */
    notice: text('notice'),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [check('calendar_years_year_check', sql`${t.year} BETWEEN 2000 AND 2100`)],
);

export const calendarDays = pgTable(
  'calendar_days',
  {
    day: date('day', { mode: 'string' }).primaryKey(),
    year: integer('year')
      .notNull()
      .references(() => calendarYears.year, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['holiday', 'workday'] }).notNull(),
    /** The holiday it belongs to (春节, 国庆节), for the page and the SLA's explanation. */
    name: text('name'),
  },
  (t) => [
    index('calendar_days_year_idx').on(t.year),
    check('calendar_days_year_matches', sql`extract(year FROM ${t.day}) = ${t.year}`),
  ],
);
