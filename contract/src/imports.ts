import { z } from 'zod';
import { listQuery, listResponse } from './list';

// Sheet imports: a job per uploaded file (preview, then commit) and the rows of its preview.

export const IMPORT_JOB_STATUSES = [
  'reading',
  'previewed',
  'committing',
  'committed',
  'failed',
  'cancelled',
] as const;
export const IMPORT_JOB_STATUS_LABELS: Record<(typeof IMPORT_JOB_STATUSES)[number], string> = {
  reading: '读取中',
  previewed: '待确认',
  committing: '导入中',
  committed: '已导入',
  failed: '失败',
  cancelled: '已取消',
};
export const IMPORT_ROW_ACTIONS = ['create', 'update', 'unchanged', 'error'] as const;
export type ImportRowAction = (typeof IMPORT_ROW_ACTIONS)[number];
export const IMPORT_ROW_ACTION_LABELS: Record<ImportRowAction, string> = {
  create: '新增',
  update: '更新',
  unchanged: '无变化',
  error: '有错误',
};

const counts = z.object({
  create: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
  error: z.number().int(),
});

export const importSummary = z.object({
  sheets: z.array(
    z.object({
      sheet: z.string(),
      headerRow: z.number().int(),
      columns: z.array(z.object({ letter: z.string(), header: z.string(), label: z.string() })),
    }),
  ),
  ignored: z.array(z.object({ sheet: z.string(), headers: z.array(z.string()) })),
  sheetsWithoutHeader: z.array(z.string()),
  skipped: z.object({ blank: z.number().int(), summary: z.number().int() }),
  counts,
  sameAs: z.object({ jobId: z.string(), committedAt: z.string() }).nullable(),
  committed: z.object({ created: z.number().int(), updated: z.number().int() }).optional(),
});

export const importJob = z.object({
  id: z.string().uuid(),
  kind: z.string(),
  fileName: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  status: z.enum(IMPORT_JOB_STATUSES),
  progress: z.object({ done: z.number().int(), total: z.number().int() }),
  summary: importSummary.nullable(),
  message: z.string().nullable(),
  createdAt: z.string(),
  committedAt: z.string().nullable(),
});
export type ImportJob = z.infer<typeof importJob>;
export const importJobResponse = z.object({ job: importJob });
export const importJobListQuery = listQuery(['createdAt']);
export const importJobListResponse = listResponse(importJob);
export const importJobParams = z.strictObject({ id: z.string().uuid() });

export const importRow = z.object({
  seq: z.number().int(),
  sheet: z.string(),
  rowNumber: z.number().int(),
  action: z.enum(IMPORT_ROW_ACTIONS),
  targetId: z.string().nullable(),
  matchedBy: z.string().nullable(),
  label: z.string(),
  changes: z.array(z.object({ field: z.string(), label: z.string(), before: z.string(), after: z.string() })),
  errors: z.array(z.object({ column: z.string(), header: z.string(), message: z.string() })),
  warnings: z.array(z.string()),
});
export type ImportRow = z.infer<typeof importRow>;
export const importRowsQuery = listQuery(['seq']).extend({ action: z.enum(IMPORT_ROW_ACTIONS).optional() });
export const importRowsResponse = listResponse(importRow);
