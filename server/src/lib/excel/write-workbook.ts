import { PassThrough, type Readable } from 'node:stream';
import { type CellValue, type ColumnSpec, columnLetter, neutralizeFormula } from '@groundbreak/domain';
import ExcelJS from 'exceljs';

// Writing a workbook the way the offices expect one: Chinese headers in bold on a frozen first row,
// dropdowns for enumerations, money as numbers in the header's unit, text neutralised against formula
// injection, an optional notes sheet. Streamed, so that a 50,000-row export never sits whole in memory.

export type SheetColumn = ColumnSpec & { header: string; width?: number };
export type NotesSheet = { title: string; rows: [string, string][] };

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const VALIDATION_ROWS = 10_000;

function cellOf(value: CellValue): CellValue {
  return typeof value === 'string' ? neutralizeFormula(value) : value;
}

/**
 * Streams a one-sheet workbook (plus notes) to the returned stream. `rows` may be an async source, so
 * that rows are read from the database in batches while the file is written.
 */
/**
 * Reads the first row before the answer starts: a query that fails (a filter the database refuses, the
 * database down) is then an ordinary error answer, not a download that breaks off after its headers.
 */
export async function primed<T>(rows: AsyncIterable<T>): Promise<AsyncIterable<T>> {
  const iterator = rows[Symbol.asyncIterator]();
  const first = await iterator.next();
  return (async function* () {
    if (first.done) return;
    yield first.value;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  })();
}

export function streamWorkbook(input: {
  sheetName: string;
  columns: readonly SheetColumn[];
  rows: AsyncIterable<readonly CellValue[]> | Iterable<readonly CellValue[]>;
  notes?: NotesSheet;
  /** Data-validation dropdowns for choice columns (the import template). */
  dropdowns?: boolean;
}): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  void (async () => {
    try {
      const sheet = workbook.addWorksheet(input.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = input.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 16 }));
      sheet.getRow(1).font = { bold: true };
      if (input.dropdowns) {
        input.columns.forEach((c, i) => {
          if (c.kind !== 'choice' && c.kind !== 'yesno') return;
          const values = c.kind === 'yesno' ? ['是', '否'] : Object.values(c.choices ?? {});
          const letter = columnLetter(i);
          (
            sheet as unknown as { dataValidations: { add(range: string, v: object): void } }
          ).dataValidations.add(`${letter}2:${letter}${VALIDATION_ROWS}`, {
            type: 'list',
            allowBlank: true,
            formulae: [`"${values.join(',')}"`],
          });
        });
      }
      sheet.getRow(1).commit();
      for await (const row of input.rows) sheet.addRow(row.map(cellOf)).commit();
      sheet.commit();
      if (input.notes) {
        const notes = workbook.addWorksheet('填表说明');
        notes.columns = [
          { header: '列', key: 'column', width: 24 },
          { header: input.notes.title, key: 'note', width: 80 },
        ];
        notes.getRow(1).font = { bold: true };
        for (const [column, note] of input.notes.rows) notes.addRow([column, note]).commit();
        notes.commit();
      }
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}

/** RFC 6266 file name for a download ("项目库导出-2025-03-31.xlsx"). */
export function xlsxDisposition(fileName: string): string {
  return `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
