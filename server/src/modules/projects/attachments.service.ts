import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Attachment } from '@groundbreak/contract';
import {
  type AttachmentKind,
  cleanFileName,
  inspectZip,
  sniffFile,
  verifyContainer,
} from '@groundbreak/domain';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import { attachments, campaignPhotos } from '../../db/schema/index';
import { AppError, notFound } from '../../errors';
import type { JobDefinition } from '../../jobs/runner';
import { removeStrayFiles } from '../../lib/files';
import { receiveFile } from '../../lib/receive-file';
import type { AuditActor, AuditRepository } from '../audit/audit.repository';
import type { Principal } from '../registry';
import { abilitiesOf, type ProjectsService } from './projects.service';

// Project files under <data dir>/files/YYYY/MM/<uuid>, with their SHA-256 in the database. A file is
// written (and fsynced) before its row commits; a file whose row never committed is an orphan, removed
// by a daily job once it is older than an hour.

export const ORPHAN_AGE_MS = 60 * 60 * 1000;
/** Office formats that are zip containers: their directory is checked against the zip limits. */
const ZIP_TYPES = new Set<string>(['docx', 'xlsx', 'ofd']);

export function filesRoot(dataDir: string): string {
  return path.join(dataDir, 'files');
}

type Deps = {
  database: Database;
  audit: AuditRepository;
  clock: Clock;
  projects: ProjectsService;
  dataDir: string;
  maxBytes: number;
};

function present(row: typeof attachments.$inferSelect): Attachment {
  return {
    id: row.id,
    projectId: row.projectId,
    kind: row.kind as AttachmentKind,
    fileName: row.fileName,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    uploadedByName: row.uploadedByName,
    uploadedAt: row.uploadedAt.toISOString(),
  };
}

/** RFC 6266 / 5987: an ASCII fallback name and the UTF-8 one, so that Chinese names survive. */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export function createAttachmentsService(deps: Deps) {
  const { database, audit, clock } = deps;
  const db = database.db;
  const root = filesRoot(deps.dataDir);

  return {
    maxBytes: deps.maxBytes,

    async list(principal: Principal, projectId: string): Promise<Attachment[]> {
      await deps.projects.load(principal, projectId);
      const rows = await db
        .select()
        .from(attachments)
        .where(and(eq(attachments.projectId, projectId), isNull(attachments.deletedAt)))
        .orderBy(asc(attachments.kind), asc(attachments.uploadedAt));
      return rows.map(present);
    },

    async upload(
      principal: Principal,
      actor: AuditActor,
      projectId: string,
      kind: AttachmentKind,
      file: { fileName: string; stream: Readable },
      /**
       * The land module files the 出让合同 of a supply it records: 自然资源和规划 signs it, without holding
       * the project's own edit rights.
       */
      options: { landContract?: boolean; problemEvidence?: boolean } = {},
    ): Promise<Attachment> {
      // A problem's lead unit files its 销号依据 on the problem's project: the problems module has checked
      // that the caller may resolve that problem, whichever region the unit's own scope covers.
      if (!(options.problemEvidence && kind === 'other')) {
        const project = await deps.projects.load(principal, projectId);
        const asLandContract =
          options.landContract === true && kind === 'land_contract' && principal.actions.has('land.write');
        if (!abilitiesOf(principal, project).upload && !asLandContract) {
          throw new AppError('FORBIDDEN', '您不能为该项目上传附件');
        }
      }
      const fileName = cleanFileName(file.fileName);
      if (!fileName) throw new AppError('VALIDATION_FAILED', '文件名不能为空');
      const now = clock.now();
      const id = uuidv7();
      const month = now.toISOString().slice(0, 7).replace('-', '/');
      const storageKey = `${month}/${id}`;
      const finalPath = path.join(root, storageKey);
      const tmpDir = path.join(root, 'tmp');
      fs.mkdirSync(tmpDir, { recursive: true });
      fs.mkdirSync(path.dirname(finalPath), { recursive: true });
      const tmpPath = path.join(tmpDir, id);
      const received = await receiveFile(file.stream, tmpPath, deps.maxBytes);
      const sniffed = sniffFile(received.head, fileName);
      if (!sniffed.ok) {
        fs.rmSync(tmpPath, { force: true });
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', sniffed.message);
      }
      const bytes = fs.readFileSync(tmpPath);
      if (!verifyContainer(sniffed.type, bytes)) {
        fs.rmSync(tmpPath, { force: true });
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', `文件不是有效的 .${sniffed.type} 文档`);
      }
      const zip = ZIP_TYPES.has(sniffed.type) ? inspectZip(bytes) : undefined;
      if (zip && !zip.ok) {
        fs.rmSync(tmpPath, { force: true });
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', zip.message);
      }
      if (received.size === 0) {
        fs.rmSync(tmpPath, { force: true });
        throw new AppError('VALIDATION_FAILED', '文件为空');
      }
      fs.renameSync(tmpPath, finalPath);
      try {
        const row = await db.transaction(async (tx) => {
          const [inserted] = await tx
            .insert(attachments)
            .values({
              id,
              projectId,
              kind,
              fileName,
              contentType: sniffed.contentType,
              sizeBytes: received.size,
              sha256: received.sha256,
              storageKey,
              uploadedBy: principal.userId,
              uploadedByName: principal.displayName,
              uploadedAt: now,
            })
            .returning();
          if (!inserted) throw new Error('attachment not inserted');
          await audit.append(
            tx,
            actor,
            {
              action: 'attachment.upload',
              objectType: 'project',
              objectId: projectId,
              result: 'success',
              summary: {
                attachmentId: id,
                kind,
                fileName,
                sizeBytes: received.size,
                sha256: received.sha256,
              },
            },
            now,
          );
          return inserted;
        });
        return present(row);
      } catch (error) {
        fs.rmSync(finalPath, { force: true });
        throw error;
      }
    },

    /** The file to send, after the scope check on its project; the download is audited. */
    async open(principal: Principal, actor: AuditActor, projectId: string, attachmentId: string) {
      await deps.projects.load(principal, projectId);
      const [row] = await db
        .select()
        .from(attachments)
        .where(
          and(
            eq(attachments.id, attachmentId),
            eq(attachments.projectId, projectId),
            isNull(attachments.deletedAt),
          ),
        );
      if (!row) throw notFound('附件');
      const filePath = path.join(root, row.storageKey);
      if (!fs.existsSync(filePath)) throw new AppError('NOT_FOUND', '附件文件缺失，请联系管理员');
      await db.transaction(async (tx) => {
        await audit.append(
          tx,
          actor,
          {
            action: 'attachment.download',
            objectType: 'project',
            objectId: projectId,
            result: 'success',
            summary: { attachmentId, fileName: row.fileName },
          },
          clock.now(),
        );
      });
      return { attachment: present(row), stream: fs.createReadStream(filePath) };
    },

    async remove(principal: Principal, actor: AuditActor, projectId: string, attachmentId: string) {
      const project = await deps.projects.load(principal, projectId);
      if (!abilitiesOf(principal, project).upload) throw new AppError('FORBIDDEN', '您不能删除该项目的附件');
      // The documents gates read are the 板块's to remove; others may remove only what they uploaded.
      const own = principal.actions.has('registry.write')
        ? sql`true`
        : eq(attachments.uploadedBy, principal.userId);
      const now = clock.now();
      await db.transaction(async (tx) => {
        const [row] = await tx
          .update(attachments)
          .set({ deletedAt: now })
          .where(
            and(
              eq(attachments.id, attachmentId),
              eq(attachments.projectId, projectId),
              isNull(attachments.deletedAt),
              own,
            ),
          )
          .returning();
        if (!row) throw notFound('附件');
        await audit.append(
          tx,
          actor,
          {
            action: 'attachment.delete',
            objectType: 'project',
            objectId: projectId,
            result: 'success',
            summary: { attachmentId, kind: row.kind, fileName: row.fileName },
          },
          now,
        );
      });
    },
  };
}

export type AttachmentsService = ReturnType<typeof createAttachmentsService>;

/** Removes files that no attachment row names (an upload whose transaction failed), once an hour old. */
export const cleanOrphanFilesJob: JobDefinition = {
  name: 'attachments.clean-orphans',
  description: '清理未入库的孤立附件文件（上传失败遗留，超过 1 小时）',
  schedule: '15 3 * * *',
  async run({ database, dataDir, now }) {
    const root = filesRoot(dataDir);
    if (!fs.existsSync(root)) return { rows: 0, message: '没有附件目录' };
    // Project attachments and the campaign's task photos share the folder.
    const keys = new Set([
      ...(await database.db.select({ key: attachments.storageKey }).from(attachments)).map((r) => r.key),
      ...(await database.db.select({ key: campaignPhotos.storageKey }).from(campaignPhotos)).map(
        (r) => r.key,
      ),
    ]);
    const removed = removeStrayFiles(root, {
      isKept: (key) => !key.startsWith('tmp/') && keys.has(key),
      olderThanMs: ORPHAN_AGE_MS,
      now,
    });
    return { rows: removed, message: `已清理 ${removed} 个孤立文件` };
  },
};
