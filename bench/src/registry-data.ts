import { eq, like, sql } from 'drizzle-orm';
import { createDatabase, type Database } from '../../server/src/db/database';
import { embeddedUrl, readEmbeddedInfo } from '../../server/src/db/embedded';
import { orgs, projects, regions, users } from '../../server/src/db/schema/index';
import { createFieldProtector } from '../../server/src/lib/crypto/field-protector';
import { hashPassword, randomToken } from '../../server/src/lib/password';
import {
  type GeneratedProject,
  generateProjects,
  type SubareaRef,
} from '../../server/src/seed/demo-projects';
import { insertGenerated } from '../../server/src/seed/seed-projects';

// A province-like registry for the bench: 13 cities × 8 districts × 8 板块 under 江苏省, with N generated
// projects spread over the 832 板块, loaded with multi-row inserts in one transaction. Reused when the
// database already holds at least N bench projects.

export const BENCH_PREFIX = 'BN';
/** The bench app's personal-data key (not a secret: bench data is generated). */
export const BENCH_FIELD_KEY = 'groundbreak-bench-field-key-generated-data-only';
export const benchProtector = () => createFieldProtector(Buffer.from(BENCH_FIELD_KEY, 'utf8'));
const CITIES = 13;
const DISTRICTS = 8;
const SUBAREAS = 8;

export type BenchData = {
  database: Database;
  url: string;
  projects: number;
  loadMs: number;
  provinceId: string;
  provincePath: string;
  /** A city (its subtree holds 1/13 of the projects), for a region filter. */
  cityId: string;
  user: { username: string; password: string };
};

export function benchDatabaseUrl(dataDir: string, external: string | undefined): string {
  if (external) return external;
  const info = readEmbeddedInfo(dataDir);
  if (!info) throw new Error('no embedded database info in the bench data directory');
  return embeddedUrl(info);
}

async function ensureRegions(db: Database['db'], provinceId: string, provincePath: string) {
  const existing = await db
    .select({ id: regions.id, code: regions.code, path: regions.path })
    .from(regions)
    .where(like(regions.code, 'BENCH-%'));
  const byCode = new Map(existing.map((r) => [r.code, r]));
  const add = async (
    code: string,
    name: string,
    level: 'city' | 'district' | 'subarea',
    parent: { id: string; path: string },
  ) => {
    const found = byCode.get(code);
    if (found) return found;
    const [row] = await db
      .insert(regions)
      .values({
        code,
        name,
        level,
        kind: level === 'subarea' ? 'town' : 'administrative',
        parentId: parent.id,
        path: '',
      })
      .returning({ id: regions.id });
    if (!row) throw new Error('region not inserted');
    const path = `${parent.path}${row.id}/`;
    await db.update(regions).set({ path }).where(eq(regions.id, row.id));
    const made = { id: row.id, code, path };
    byCode.set(code, made);
    return made;
  };
  const subareas: SubareaRef[] = [];
  let firstCity = '';
  for (let c = 1; c <= CITIES; c++) {
    const city = await add(`BENCH-${c}`, `基准市${c}`, 'city', { id: provinceId, path: provincePath });
    firstCity ||= city.id;
    for (let d = 1; d <= DISTRICTS; d++) {
      const district = await add(`BENCH-${c}-${d}`, `基准市${c}第${d}区`, 'district', city);
      for (let s = 1; s <= SUBAREAS; s++) {
        const sub = await add(`BENCH-${c}-${d}-${s}`, `基准市${c}第${d}区${s}号板块`, 'subarea', district);
        subareas.push({ id: sub.id, code: sub.code, orgId: null });
      }
    }
  }
  return { subareas, cityId: firstCity };
}

/** Ensures `count` bench projects exist and a province-scoped 区发改-like user to query them. */
export async function prepareBenchData(
  url: string,
  count: number,
  log: (msg: string) => void,
): Promise<BenchData> {
  const database = createDatabase(url, 'external', {
    max: 4,
    statementTimeoutMs: 600_000,
    onError: () => undefined,
  });
  const db = database.db;
  const [province] = await db.select().from(regions).where(eq(regions.code, '320000'));
  if (!province) throw new Error('reference data missing (320000)');
  const { subareas, cityId } = await ensureRegions(db, province.id, province.path);
  const [have] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(projects)
    .where(like(projects.internalNo, `${BENCH_PREFIX}-%`));
  const started = Date.now();
  if ((have?.n ?? 0) < count) {
    if ((have?.n ?? 0) > 0)
      throw new Error(
        `bench database holds ${have?.n} bench projects, fewer than ${count}: use a fresh database`,
      );
    log(`bench: generating ${count} projects over ${subareas.length} 板块 …`);
    const generated: GeneratedProject[] = generateProjects({
      today: new Date().toISOString().slice(0, 10),
      count,
      seed: 4754,
      subareas,
      division: '320000',
      internalNoPrefix: BENCH_PREFIX,
      leaderUserId: null,
      seedFigures: false,
    });
    // Generated codes are unique within one run; keep them apart from the demo's own.
    for (const g of generated) {
      if (g.values.projectCode)
        g.values.projectCode = String(g.values.projectCode).replace(/^(\d{4})-320000/, '$1-329999');
      g.values.isDemo = false;
    }
    await db.transaction(async (tx) => {
      await insertGenerated(tx, generated, new Date(), { batch: 500, protector: benchProtector() });
    });
    await database.pool.query('VACUUM ANALYZE');
    log(`bench: loaded ${count} projects in ${Math.round((Date.now() - started) / 1000)} s`);
  }
  const loadMs = Date.now() - started;
  const password = `Bench#${randomToken().slice(0, 16)}`;
  const [drcOrg] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.code, 'WJ-DRC'));
  const values = {
    displayName: '省级基准用户',
    passwordHash: await hashPassword(password),
    roles: ['drc'],
    orgId: drcOrg?.id as string,
    regionScopes: [province.id],
    mustChangePassword: false,
    status: 'active' as const,
    // A demo-mode account like the demo ones: exempt from two-factor login, so the bench signs in alone.
    isDemo: true,
  };
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'bench_province'));
  if (user) await db.update(users).set(values).where(eq(users.id, user.id));
  else await db.insert(users).values({ username: 'bench_province', ...values });
  const [total] = await db.select({ n: sql<number>`count(*)::int` }).from(projects);
  return {
    database,
    url,
    projects: total?.n ?? 0,
    loadMs,
    provinceId: province.id,
    provincePath: province.path,
    cityId,
    user: { username: 'bench_province', password },
  };
}
