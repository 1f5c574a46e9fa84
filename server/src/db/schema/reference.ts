import { sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { boolean, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { editable, id } from './columns';

// Reference data: the region tree (省 > 市 > 区(县) > 板块), organisations and enterprises.

export const regions = pgTable(
  'regions',
  {
    id: id(),
    /** GB/T 2260 code where one exists (320412), else an internal code (WJ-GXQ). */
    code: text('code').notNull(),
    name: text('name').notNull(),
    level: text('level', { enum: ['province', 'city', 'district', 'subarea'] }).notNull(),
    kind: text('kind', {
      enum: ['administrative', 'development_zone', 'town', 'street', 'non_administrative'],
    }).notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => regions.id),
    /** Materialised path of ids from the root, for subtree scope checks: '/a/b/c/'. */
    path: text('path').notNull(),
    aliases: text('aliases').array().notNull().default(sql`'{}'::text[]`),
    sortOrder: integer('sort_order').notNull().default(0),
    ...editable(),
  },
  (t) => [
    uniqueIndex('regions_code_key').on(t.code).where(sql`${t.deletedAt} IS NULL`),
    index('regions_parent_idx').on(t.parentId),
    index('regions_path_idx').on(t.path.op('text_pattern_ops')),
  ],
);

export const orgs = pgTable(
  'orgs',
  {
    id: id(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    kind: text('kind').notNull(),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    ...editable(),
  },
  (t) => [
    uniqueIndex('orgs_code_key').on(t.code).where(sql`${t.deletedAt} IS NULL`),
    index('orgs_region_idx').on(t.regionId),
    index('orgs_kind_idx').on(t.kind),
  ],
);

export const enterprises = pgTable(
  'enterprises',
  {
    id: id(),
    /** 统一社会信用代码, upper-case, checksum-valid (GB 32100). */
    uscc: text('uscc').notNull(),
    name: text('name').notNull(),
    /** The region (板块) the enterprise was registered in: it decides who sees it. */
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    isDemo: boolean('is_demo').notNull().default(false),
    ...editable(),
  },
  (t) => [
    uniqueIndex('enterprises_uscc_key').on(t.uscc).where(sql`${t.deletedAt} IS NULL`),
    index('enterprises_name_idx').on(t.name),
    index('enterprises_region_idx').on(t.regionId),
  ],
);
