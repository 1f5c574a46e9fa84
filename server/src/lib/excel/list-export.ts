import type { ListResult } from '@groundbreak/contract';
import type { CellValue } from '@groundbreak/domain';
import type { FastifyReply } from 'fastify';
import { primed, streamWorkbook, XLSX_TYPE, xlsxDisposition } from './write-workbook';

// "Every list gains an Excel export of its current filter": the list's own scoped query, read page by
// page, streamed into a workbook. The export therefore sees exactly what the list sees.

/** Most rows one list export writes [A]. */
export const LIST_EXPORT_LIMIT = 100_000;
const PAGE_SIZE = 100;

export type ExportColumn<T> = { header: string; width?: number; read: (item: T) => CellValue };

export async function* everyItem<T>(fetchPage: (page: number, pageSize: number) => Promise<ListResult<T>>) {
  for (let page = 1; (page - 1) * PAGE_SIZE < LIST_EXPORT_LIMIT; page++) {
    const result = await fetchPage(page, PAGE_SIZE);
    yield* result.items;
    if (result.items.length < PAGE_SIZE || page * PAGE_SIZE >= result.total) return;
  }
}

export async function sendListExport<T>(
  reply: FastifyReply,
  input: {
    fileName: string;
    sheetName: string;
    columns: readonly ExportColumn<T>[];
    fetchPage: (page: number, pageSize: number) => Promise<ListResult<T>>;
  },
): Promise<FastifyReply> {
  const rows = await primed(
    (async function* () {
      for await (const item of everyItem(input.fetchPage)) yield input.columns.map((c) => c.read(item));
    })(),
  );
  const stream = streamWorkbook({
    sheetName: input.sheetName,
    columns: input.columns.map((c, i) => ({
      key: `c${i}`,
      label: c.header,
      header: c.header,
      kind: 'text' as const,
      ...(c.width ? { width: c.width } : {}),
    })),
    rows,
  });
  return reply
    .header('content-type', XLSX_TYPE)
    .header('content-disposition', xlsxDisposition(input.fileName))
    .header('cache-control', 'private, no-store')
    .send(stream);
}
