import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { type Grid, inspectZip } from '@groundbreak/domain';
import { AppError } from '../../errors';

// Reading an uploaded workbook off the request thread, with limits on file size, rows and memory.

export type ReadLimits = { maxBytes: number; maxRows: number; maxHeapMb: number; timeoutMs: number };

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxBytes: 20 * 1024 * 1024,
  maxRows: 200_000,
  maxHeapMb: 512,
  timeoutMs: 120_000,
};

const WORKER = new URL('./read-worker.mjs', import.meta.url);
const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** The sheets of an .xlsx file as grids (Excel row 1 = rows[0]); refuses what is not a workbook. */
export async function readWorkbookFile(
  filePath: string,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): Promise<Grid[]> {
  const size = fs.statSync(filePath).size;
  if (size > limits.maxBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', `文件超过 ${Math.floor(limits.maxBytes / 1024 / 1024)} MB 上限`);
  }
  const head = Buffer.alloc(4);
  const fd = fs.openSync(filePath, 'r');
  try {
    fs.readSync(fd, head, 0, 4, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (!XLSX_MAGIC.every((b, i) => head[i] === b)) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      '请上传 Excel 工作簿（.xlsx）；.xls 请先在 Excel 中另存为 .xlsx',
    );
  }
  // The central directory is checked before anything inflates: a zip bomb never reaches the parser.
  const zip = inspectZip(fs.readFileSync(filePath));
  if (!zip.ok) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `无法读取该工作簿：${zip.message}`);
  const worker = new Worker(WORKER, {
    workerData: { path: filePath, maxRows: limits.maxRows },
    resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb },
  });
  return new Promise<Grid[]>((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new AppError('VALIDATION_FAILED', '读取工作簿超时，请拆分后再导入'));
    }, limits.timeoutMs);
    worker.once('message', (message: { ok: true; grids: Grid[] } | { ok: false; message: string }) => {
      clearTimeout(timer);
      void worker.terminate();
      if (message.ok) return resolve(message.grids);
      if (message.message.startsWith('ROWS_LIMIT:')) {
        return reject(new AppError('PAYLOAD_TOO_LARGE', `工作簿超过 ${limits.maxRows} 行，请拆分后再导入`));
      }
      reject(new AppError('VALIDATION_FAILED', `无法读取该工作簿：${message.message}`));
    });
    worker.once('error', (error: Error & { code?: string }) => {
      clearTimeout(timer);
      reject(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new AppError('PAYLOAD_TOO_LARGE', '工作簿过大，读取时超出内存上限，请拆分后再导入')
          : new AppError('VALIDATION_FAILED', `无法读取该工作簿：${error.message}`),
      );
    });
  });
}
