import { checkUscc } from '@groundbreak/domain';
import { eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { appSettings, enterprises, orgs, regions } from '../db/schema/index';
import { seedApprovalCatalogue } from '../modules/approvals/approvals.service';
import { seedPlanTemplates } from '../modules/approvals/plans.service';
import { seedOfficialCalendar } from '../modules/calendar/calendar.service';
import { DEMO_ENTERPRISES } from './demo-data';
import { ORG_SEED, REGION_SEED } from './reference-data';
import { seedCampaignCategories } from './seed-campaigns';

/**
 * Upserts the reference regions and organisations by code, and adds the official working-day calendar
 * years, the approval catalogue entries and the plan templates the tables lack; safe to run at every start.
 */
export async function seedReferenceData(db: Db): Promise<{ regions: number; orgs: number }> {
  const counts = await db.transaction(async (tx) => {
    const idsByCode = new Map<string, { id: string; path: string }>();
    REGION_SEED.forEach((seed, index) => {
      // Parents precede children in REGION_SEED; the ids are resolved as we go.
      if (seed.parentCode && !REGION_SEED.slice(0, index).some((r) => r.code === seed.parentCode)) {
        throw new Error(`region ${seed.code} listed before its parent ${seed.parentCode}`);
      }
    });
    for (const [index, seed] of REGION_SEED.entries()) {
      const parent = seed.parentCode ? idsByCode.get(seed.parentCode) : undefined;
      const [existing] = await tx.select().from(regions).where(eq(regions.code, seed.code)).limit(1);
      const values = {
        name: seed.name,
        level: seed.level,
        kind: seed.kind,
        parentId: parent?.id ?? null,
        aliases: seed.aliases ?? [],
        sortOrder: index,
      };
      if (existing) {
        const path = `${parent?.path ?? '/'}${existing.id}/`;
        await tx
          .update(regions)
          .set({ ...values, path })
          .where(eq(regions.id, existing.id));
        idsByCode.set(seed.code, { id: existing.id, path });
      } else {
        const [row] = await tx
          .insert(regions)
          .values({ ...values, code: seed.code, path: '' })
          .returning({ id: regions.id });
        if (!row) throw new Error(`region ${seed.code} not inserted`);
        const path = `${parent?.path ?? '/'}${row.id}/`;
        await tx.update(regions).set({ path }).where(eq(regions.id, row.id));
        idsByCode.set(seed.code, { id: row.id, path });
      }
    }
    for (const seed of ORG_SEED) {
      const region = idsByCode.get(seed.regionCode);
      if (!region) throw new Error(`org ${seed.code}: unknown region ${seed.regionCode}`);
      await tx
        .insert(orgs)
        .values({
          code: seed.code,
          name: seed.name,
          shortName: seed.shortName,
          kind: seed.kind,
          regionId: region.id,
        })
        .onConflictDoUpdate({
          target: orgs.code,
          targetWhere: isNull(orgs.deletedAt),
          set: { name: seed.name, shortName: seed.shortName, kind: seed.kind, regionId: region.id },
        });
    }
    return { regions: REGION_SEED.length, orgs: ORG_SEED.length };
  });
  await seedOfficialCalendar(db);
  await seedApprovalCatalogue(db);
  await seedPlanTemplates(db);
  await seedCampaignCategories(db);
  return counts;
}

const DEMO_SEEDED_KEY = 'demo.seededAt';

/** True once demo data has been loaded into this database. */
export async function isDemoSeeded(db: Db): Promise<boolean> {
  const [row] = await db.select().from(appSettings).where(eq(appSettings.key, DEMO_SEEDED_KEY)).limit(1);
  return row !== undefined;
}

/** Loads demo data; idempotent (rows are matched by their natural keys). */
export async function seedDemoData(db: Db, now: Date): Promise<{ enterprises: number }> {
  return db.transaction(async (tx) => {
    const regionRows = await tx.select({ id: regions.id, code: regions.code }).from(regions);
    const regionId = new Map(regionRows.map((r) => [r.code, r.id]));
    for (const seed of DEMO_ENTERPRISES) {
      const check = checkUscc(seed.uscc);
      if (!check.valid) throw new Error(`demo enterprise ${seed.name}: invalid USCC ${seed.uscc}`);
      const region = regionId.get(seed.regionCode);
      if (!region) throw new Error(`demo enterprise ${seed.name}: unknown region ${seed.regionCode}`);
      await tx
        .insert(enterprises)
        .values({ uscc: check.normalized, name: seed.name, regionId: region, isDemo: true })
        .onConflictDoNothing();
    }
    await tx
      .insert(appSettings)
      .values({
        key: DEMO_SEEDED_KEY,
        value: sql`${JSON.stringify(now.toISOString())}::jsonb`,
        updatedAt: now,
      })
      .onConflictDoUpdate({ target: appSettings.key, set: { updatedAt: now } });
    return { enterprises: DEMO_ENTERPRISES.length };
  });
}
