import type { Enterprise, Org } from '@groundbreak/contract';
import { checkUscc } from '@groundbreak/domain';
import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import { AppError, notFound } from '../../errors';
import { versionConflict } from '../../lib/conflict';
import type { AuditActor, AuditRepository } from '../audit/audit.repository';
import type { Principal } from '../registry';
import type { ReferenceRepository } from './reference.repository';

const USCC_MESSAGES = {
  USCC_FORMAT:
    '统一社会信用代码应为 18 位，由数字和大写字母组成（不含 I、O、S、V、Z），第 3–8 位为行政区划代码',
  USCC_CHECKSUM: '统一社会信用代码校验位不正确，请核对是否有输错的字符',
} as const;

export function describeUscc(code: string) {
  const result = checkUscc(code);
  return {
    valid: result.valid,
    normalized: result.normalized,
    reason: result.valid ? null : result.reason,
    message: result.valid ? '统一社会信用代码校验通过' : USCC_MESSAGES[result.reason],
  };
}

type Deps = { database: Database; reference: ReferenceRepository; audit: AuditRepository; clock: Clock };

export function createReferenceService(deps: Deps) {
  const { database, reference, audit, clock } = deps;
  const db = database.db;

  async function requireRegionInScope(principal: Principal, regionId: string): Promise<void> {
    if (!(await reference.isRegionInScope(principal, regionId))) {
      throw new AppError('VALIDATION_FAILED', '所属区划不存在或不在您的数据范围内', {
        fields: [{ field: 'regionId', message: '所属区划不在您的数据范围内' }],
      });
    }
  }

  return {
    /** Registers an enterprise by its credit code; one registration per code across all 板块. */
    async createEnterprise(
      principal: Principal,
      actor: AuditActor,
      input: { uscc: string; name: string; regionId: string },
    ): Promise<Enterprise> {
      const now = clock.now();
      const check = describeUscc(input.uscc);
      if (!check.valid && check.reason) {
        throw new AppError(check.reason, check.message, {
          fields: [{ field: 'uscc', message: check.message }],
        });
      }
      await requireRegionInScope(principal, input.regionId);
      if (await reference.findEnterpriseByUscc(check.normalized)) {
        throw new AppError('CONFLICT', `统一社会信用代码 ${check.normalized} 已登记，请在企业库中查找`, {
          fields: [{ field: 'uscc', message: '该代码已登记' }],
        });
      }
      const row = await db.transaction(async (tx) => {
        const inserted = await reference.insertEnterprise(tx, {
          uscc: check.normalized,
          name: input.name,
          regionId: input.regionId,
          createdAt: now,
          updatedAt: now,
          createdBy: principal.userId,
          updatedBy: principal.userId,
        });
        await audit.append(
          tx,
          actor,
          {
            action: 'enterprise.create',
            objectType: 'enterprise',
            objectId: inserted.id,
            result: 'success',
            summary: { after: { uscc: inserted.uscc, name: inserted.name, regionId: inserted.regionId } },
          },
          now,
        );
        return inserted;
      });
      const created = await reference.findEnterpriseInScope(principal, row.id);
      if (!created) throw notFound('企业');
      return created;
    },

    async updateEnterprise(
      principal: Principal,
      actor: AuditActor,
      id: string,
      input: { name: string; regionId: string; version: number },
    ): Promise<Enterprise> {
      const now = clock.now();
      const before = await reference.findEnterpriseInScope(principal, id);
      if (!before) throw notFound('企业');
      if (!(await reference.isRegionInScope(principal, before.regionId))) {
        throw new AppError('FORBIDDEN', `该企业由${before.regionName}登记，您可以查看，修改请联系该板块`);
      }
      await requireRegionInScope(principal, input.regionId);
      await db.transaction(async (tx) => {
        const updated = await reference.updateEnterpriseInScope(tx, principal, id, input.version, {
          name: input.name,
          regionId: input.regionId,
          updatedAt: now,
          updatedBy: principal.userId,
        });
        if (!updated) {
          const current = await reference.findEnterpriseRow(id);
          throw current ? await versionConflict(db, '企业', current) : notFound('企业');
        }
        await audit.append(
          tx,
          actor,
          {
            action: 'enterprise.update',
            objectType: 'enterprise',
            objectId: id,
            result: 'success',
            summary: {
              before: { name: before.name, regionId: before.regionId },
              after: { name: input.name, regionId: input.regionId },
            },
          },
          now,
        );
      });
      const after = await reference.findEnterpriseInScope(principal, id);
      if (!after) throw notFound('企业');
      return after;
    },

    async updateOrg(
      actor: AuditActor,
      id: string,
      input: { name: string; shortName: string; version: number },
    ): Promise<Org> {
      const now = clock.now();
      const before = await reference.findOrg(id);
      if (!before) throw notFound('组织机构');
      await db.transaction(async (tx) => {
        const updated = await reference.updateOrg(tx, id, input.version, {
          name: input.name,
          shortName: input.shortName,
          updatedAt: now,
          updatedBy: actor.userId,
        });
        if (!updated) {
          const current = await reference.findOrg(id);
          throw current ? await versionConflict(db, '机构', current.row) : notFound('组织机构');
        }
        await audit.append(
          tx,
          actor,
          {
            action: 'org.update',
            objectType: 'org',
            objectId: id,
            result: 'success',
            summary: {
              before: { name: before.name, shortName: before.shortName },
              after: { name: input.name, shortName: input.shortName },
            },
          },
          now,
        );
      });
      const after = await reference.findOrg(id);
      if (!after) throw notFound('组织机构');
      const { row: _row, ...org } = after;
      return org;
    },
  };
}

export type ReferenceService = ReturnType<typeof createReferenceService>;
