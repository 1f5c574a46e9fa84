import { eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { users } from '../db/schema/index';
import { AppError } from '../errors';

/**
 * The 409 for a save that lost the race: who saved first and when, so that the form can say so and offer
 * to reload while keeping what the user typed.
 */
export async function versionConflict(
  db: Db,
  what: string,
  current: { updatedBy: string | null; updatedAt: Date; version: number },
): Promise<AppError> {
  const [by] = current.updatedBy
    ? await db.select({ name: users.displayName }).from(users).where(eq(users.id, current.updatedBy))
    : [];
  return new AppError('VERSION_CONFLICT', `该${what}已被${by?.name ?? '他人'}修改，请载入最新版本后再保存`, {
    updatedBy: by?.name ?? null,
    updatedAt: current.updatedAt.toISOString(),
    version: current.version,
  });
}
