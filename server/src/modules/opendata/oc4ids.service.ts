import { Readable } from 'node:stream';
import { isPublicProject, type ProjectState } from '@groundbreak/domain';
import { type Clock, shanghaiDate } from '../../clock';
import type { Database } from '../../db/database';
import { AppError, notFound } from '../../errors';
import type { AuditActor, AuditRepository } from '../audit/audit.repository';
import type { Principal } from '../registry';
import { buildOc4idsProject, oc4idsPackageHead } from './oc4ids.builder';
import { createOc4idsRepository, type PublicProjectRow } from './oc4ids.repository';
import type { Oc4idsSettingsStore } from './oc4ids.settings';

// The OC4IDS exports: one project's package (any reader of the project, once it is public) and the
// package of every public project in the caller's scope (区发改), written to the answer a batch of projects
// at a time so that a district's thousands never sit in memory as one object.

const BATCH = 200;

export function createOc4idsService(deps: {
  database: Database;
  audit: AuditRepository;
  clock: Clock;
  settings: Oc4idsSettingsStore;
}) {
  const { db } = deps.database;
  const repo = createOc4idsRepository(db);

  async function build(rows: PublicProjectRow[], today: string) {
    const settings = await deps.settings.current();
    const extras = await repo.extrasOf(rows);
    return rows.flatMap((row) => {
      const x = extras.get(row.id);
      return x ? [buildOc4idsProject(row, x, settings, today)] : [];
    });
  }

  return {
    summary: (principal: Principal) => repo.summary(principal),

    /** One project's package; a project outside the scope is 404, one not yet public 409. */
    async projectPackage(principal: Principal, id: string) {
      const row = await repo.oneInScope(principal, id);
      if (!row) throw notFound('项目');
      const facts = {
        state: row.state as ProjectState,
        suspendedFromState: (row.suspendedFromState as ProjectState | null) ?? null,
        filedOn: row.filedOn,
      };
      if (!isPublicProject(facts))
        throw new AppError(
          'CONFLICT',
          '项目尚未立项（赋码入库），不属于公开数据：招商线索、在谈和已签约未立项的项目不发布',
        );
      const settings = await deps.settings.current();
      const [project] = await build([row], shanghaiDate(deps.clock.now()));
      return {
        ...oc4idsPackageHead(
          settings,
          `${settings.packageUriBase}/projects/${row.internalNo}.json`,
          row.updatedAt,
        ),
        projects: project ? [project] : [],
      };
    },

    /**
     * The package of every public project in scope as a stream of JSON text, and its file name. Refused
     * when there is none (the standard wants at least one project in a package).
     */
    async packageStream(principal: Principal, actor: AuditActor) {
      const now = deps.clock.now();
      const today = shanghaiDate(now);
      const { count, latest } = await repo.summary(principal);
      if (count === 0)
        throw new AppError('CONFLICT', '您的范围内还没有公开的项目（已立项及以后的项目才发布）');
      const settings = await deps.settings.current();
      const fileName = `oc4ids-${today}.json`;
      const head = oc4idsPackageHead(settings, `${settings.packageUriBase}/${fileName}`, latest ?? now);
      await db.transaction((tx) =>
        deps.audit.append(
          tx,
          actor,
          {
            action: 'opendata.package_export',
            objectType: 'oc4ids',
            result: 'success',
            summary: { projects: count },
          },
          now,
        ),
      );
      const headText = JSON.stringify(head);
      async function* chunks() {
        yield `${headText.slice(0, -1)},"projects":[`;
        let after: string | null = null;
        let first = true;
        for (;;) {
          const rows = await repo.publicPage(principal, after, BATCH);
          if (rows.length === 0) break;
          for (const project of await build(rows, today)) {
            yield `${first ? '' : ','}${JSON.stringify(project)}`;
            first = false;
          }
          after = rows[rows.length - 1]?.id ?? null;
          if (rows.length < BATCH) break;
        }
        yield ']}';
      }
      return { fileName, count, stream: Readable.from(chunks()) };
    },
  };
}

export type Oc4idsService = ReturnType<typeof createOc4idsService>;
