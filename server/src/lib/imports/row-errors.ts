import type { MappedColumn, Table, TableRow } from '@groundbreak/domain';
import type { RowError } from './import-jobs';

/**
 * The errors of one planned row: the cells that could not be read, then the importer's own findings, at
 * most one a field ("板块 not found" is not followed by "板块 not filled in"), each placed at the field's
 * column (letter and header) or, when the sheet has no such column, named by its label.
 */
export function rowErrors(
  table: Table,
  row: TableRow,
  options: {
    /** The label of a field without a column in this sheet. */
    labelOf: (key: string) => string;
    /** The field a column holds, when they differ (a name column standing for a reference). */
    fieldOfColumn?: (columnKey: string) => string;
    /** The column of a field, when they differ. */
    columnOfField?: (field: string) => string;
  },
) {
  const fieldOf = options.fieldOfColumn ?? ((key: string) => key);
  const columnKeyOf = options.columnOfField ?? ((field: string) => field);
  const columnOf = (key: string): MappedColumn | undefined => table.columns.find((c) => c.spec.key === key);
  const errors: RowError[] = row.errors.map((e) => ({
    column: e.column,
    header: e.header,
    message: e.message,
  }));
  // Fields with an error already: a cell that could not be read counts as one.
  const failed = new Set<string>(
    row.errors.map((e) => fieldOf(table.columns.find((c) => c.letter === e.column)?.spec.key ?? '')),
  );
  const errorAt = (key: string, message: string) => {
    if (failed.has(key)) return;
    failed.add(key);
    const column = columnOf(columnKeyOf(key));
    errors.push({ column: column?.letter ?? '', header: column?.header ?? options.labelOf(key), message });
  };
  return { errors, errorAt, columnOf };
}
