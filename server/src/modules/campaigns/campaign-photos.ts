import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { cleanFileName, sniffFile } from '@groundbreak/domain';
import { and, eq, isNull } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Clock } from '../../clock';
import type { Db } from '../../db/database';
import { campaignPhotos } from '../../db/schema/index';
import { AppError, notFound } from '../../errors';
import { receiveFile } from '../../lib/receive-file';
import { filesRoot } from '../projects/attachments.service';

// The photos of the campaign — a task's 整改前/整改后 and a maintained point's 巡查 photos — stored the one way:
// a JPG or PNG by content, under the data directory's files/campaign/YYYY/MM/<id> with its SHA-256; the row (and
// whatever the caller records with it) is written after the file, and the file removed if that fails.

export type StoredPhoto = {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  uploadedAt: Date;
};

export function createCampaignPhotoStore(deps: { db: Db; clock: Clock; dataDir: string; maxBytes: number }) {
  const root = filesRoot(deps.dataDir);
  return {
    /** Receives the upload, then lets `record` write its row in a transaction; the file goes if that fails. */
    async store(
      file: { fileName: string; stream: Readable },
      record: (photo: StoredPhoto) => Promise<void>,
    ): Promise<StoredPhoto> {
      const fileName = cleanFileName(file.fileName);
      if (!fileName) throw new AppError('VALIDATION_FAILED', '文件名不能为空');
      const uploadedAt = deps.clock.now();
      const id = uuidv7();
      const storageKey = `campaign/${uploadedAt.toISOString().slice(0, 7).replace('-', '/')}/${id}`;
      const finalPath = path.join(root, storageKey);
      const tmpPath = path.join(root, 'tmp', id);
      fs.mkdirSync(path.dirname(tmpPath), { recursive: true });
      fs.mkdirSync(path.dirname(finalPath), { recursive: true });
      const received = await receiveFile(file.stream, tmpPath, deps.maxBytes);
      const sniffed = sniffFile(received.head, fileName);
      if (!sniffed.ok || (sniffed.type !== 'png' && sniffed.type !== 'jpeg')) {
        fs.rmSync(tmpPath, { force: true });
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', '照片须为 JPG 或 PNG 图片');
      }
      fs.renameSync(tmpPath, finalPath);
      const photo: StoredPhoto = {
        id,
        fileName,
        contentType: sniffed.contentType,
        sizeBytes: received.size,
        sha256: received.sha256,
        storageKey,
        uploadedAt,
      };
      try {
        await record(photo);
      } catch (error) {
        fs.rmSync(finalPath, { force: true });
        throw error;
      }
      return photo;
    },

    /** A photo of the task (the caller has checked the task is in scope) and its bytes. */
    async open(taskId: string, photoId: string) {
      const [photo] = await deps.db
        .select()
        .from(campaignPhotos)
        .where(
          and(
            eq(campaignPhotos.id, photoId),
            eq(campaignPhotos.taskId, taskId),
            isNull(campaignPhotos.deletedAt),
          ),
        );
      if (!photo) throw notFound('照片');
      const file = path.join(root, photo.storageKey);
      if (!fs.existsSync(file)) throw notFound('照片文件');
      return { photo, stream: fs.createReadStream(file) };
    },
  };
}

export type CampaignPhotoStore = ReturnType<typeof createCampaignPhotoStore>;
