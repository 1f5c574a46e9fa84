import type { Oc4idsSettingsFields } from '@groundbreak/contract';
import { eq } from 'drizzle-orm';
import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import { appSettings, users } from '../../db/schema/index';
import { AppError } from '../../errors';
import type { AuditActor, AuditRepository } from '../audit/audit.repository';

// The OC4IDS publisher settings [A]: who publishes, the registered id prefix, the licence and publication
// policy, the identifier schemes of 项目代码 and 统一社会信用代码, and where packages are published. One
// app_settings row holding the settings with a version (a save based on an older one is a 409 naming who
// saved first) and who saved it; every save is audited with its before and after.

const KEY = 'opendata.oc4ids';

/** Until 区发改 saves its own: placeholders that validate, and the schemes the field notes suggest (ours). */
export const DEFAULT_OC4IDS_SETTINGS: Oc4idsSettingsFields = {
  publisher: { name: '常州市武进区发展和改革局', scheme: '', uid: '', uri: '' },
  idPrefix: 'oc4ids-xxxxxx',
  license: 'https://creativecommons.org/licenses/by/4.0/',
  publicationPolicy: 'https://opendata.example.org/oc4ids/publication-policy',
  projectCodeScheme: 'CN-NDRC-XMDM',
  usccScheme: 'CN-USCC',
  packageUriBase: 'https://opendata.example.org/oc4ids',
};

type Stored = { settings: Oc4idsSettingsFields; version: number; updatedAt: string; updatedBy: string };

export type Oc4idsSettingsState = {
  settings: Oc4idsSettingsFields;
  version: number;
  updatedAt: string | null;
  updatedByName: string | null;
};

export function createOc4idsSettings(deps: { database: Database; audit: AuditRepository; clock: Clock }) {
  const { db } = deps.database;

  async function stored(): Promise<Stored | null> {
    const [row] = await db.select().from(appSettings).where(eq(appSettings.key, KEY)).limit(1);
    return (row?.value as Stored | undefined) ?? null;
  }

  async function nameOf(userId: string): Promise<string | null> {
    const [user] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, userId));
    return user?.name ?? null;
  }

  return {
    async current(): Promise<Oc4idsSettingsFields> {
      const s = await stored();
      return s ? { ...DEFAULT_OC4IDS_SETTINGS, ...s.settings } : DEFAULT_OC4IDS_SETTINGS;
    },

    async state(): Promise<Oc4idsSettingsState> {
      const s = await stored();
      if (!s) return { settings: DEFAULT_OC4IDS_SETTINGS, version: 1, updatedAt: null, updatedByName: null };
      return {
        settings: { ...DEFAULT_OC4IDS_SETTINGS, ...s.settings },
        version: s.version,
        updatedAt: s.updatedAt,
        updatedByName: await nameOf(s.updatedBy),
      };
    },

    async save(
      actor: AuditActor,
      body: Oc4idsSettingsFields & { version: number },
    ): Promise<Oc4idsSettingsState> {
      const { version, ...settings } = body;
      const now = deps.clock.now();
      await db.transaction(async (tx) => {
        // The row lock orders two saves; the first save inserts the row.
        const [row] = await tx.select().from(appSettings).where(eq(appSettings.key, KEY)).for('update');
        const before = (row?.value as Stored | undefined) ?? null;
        const currentVersion = before?.version ?? 1;
        if (currentVersion !== version) {
          const by = before ? await nameOf(before.updatedBy) : null;
          throw new AppError(
            'VERSION_CONFLICT',
            `开放数据设置已被${by ?? '他人'}修改，请载入最新版本后再保存`,
            {
              updatedBy: by,
              updatedAt: before?.updatedAt ?? null,
              version: currentVersion,
            },
          );
        }
        const next: Stored = {
          settings,
          version: currentVersion + 1,
          updatedAt: now.toISOString(),
          updatedBy: actor.userId ?? '',
        };
        await tx
          .insert(appSettings)
          .values({ key: KEY, value: next, updatedAt: now })
          .onConflictDoUpdate({ target: appSettings.key, set: { value: next, updatedAt: now } });
        await deps.audit.append(
          tx,
          actor,
          {
            action: 'opendata.settings_update',
            objectType: 'settings',
            objectId: undefined,
            result: 'success',
            summary: {
              before: before?.settings ?? DEFAULT_OC4IDS_SETTINGS,
              after: settings,
              version: next.version,
            },
          },
          now,
        );
      });
      return this.state();
    },
  };
}

export type Oc4idsSettingsStore = ReturnType<typeof createOc4idsSettings>;
