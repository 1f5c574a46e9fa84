import { createAuditRepository } from '../audit/audit.repository';
import { createReferenceRepository } from '../reference/reference.repository';
import type { ModuleContext } from '../registry';
import { createProjectsRepository } from './projects.repository';
import { createProjectsService, type ProjectsService } from './projects.service';

/**
 * The projects service as another module uses it — to load a project in the caller's scope, present it,
 * read its state — built from the module's context the same way everywhere.
 */
export function projectsServiceOf(ctx: ModuleContext): ProjectsService {
  const db = ctx.database.db;
  return createProjectsService({
    database: ctx.database,
    projects: createProjectsRepository(db, ctx.protector),
    reference: createReferenceRepository(db),
    audit: createAuditRepository(db),
    clock: ctx.clock,
    internalNoPrefix: ctx.config.projectNumberPrefix,
  });
}
