import {
  type CellValue,
  cellText,
  isBlank,
  type MoneyUnit,
  type Parsed,
  parseChoice,
  parseDate,
  parseMoney,
  parseNumber,
  parseYesNo,
  restoreNeutralized,
} from './values';

// Finding the table in a real sheet: title rows and merged cells above a header of one or two rows, the
// header recognised by its names (with the usual variants and a unit or year in it), blank rows and
// 合计/总计 rows skipped, columns the importer does not know listed, every unreadable cell an error.

export type ColumnKind = 'text' | 'money' | 'number' | 'date' | 'yesno' | 'choice';

export type ColumnSpec = {
  key: string;
  /** The header the template writes. */
  label: string;
  /** Other names offices use for the same column. */
  aliases?: readonly string[];
  kind: ColumnKind;
  /** For choices: code → Chinese label, and other words for the same code. */
  choices?: Readonly<Record<string, string>>;
  synonyms?: Readonly<Record<string, string>>;
  /** For money: the unit when the header does not say. */
  unit?: MoneyUnit;
  /** What the template's notes sheet says about the column. */
  note?: string;
};

/** A sheet as cells (rows[0] is Excel row 1); merged ranges carry their value in every cell. */
export type Grid = { name: string; rows: readonly (readonly CellValue[])[] };

export type CellError = { sheet: string; row: number; column: string; header: string; message: string };

export type MappedColumn = {
  index: number;
  letter: string;
  header: string;
  spec: ColumnSpec;
  unit: MoneyUnit | null;
  year: number | null;
};

export type TableRow = {
  sheet: string;
  /** Excel row number (from 1). */
  row: number;
  values: Record<string, unknown>;
  errors: CellError[];
};

export type Table = {
  sheet: string;
  /** Excel row number of the (last) header row. */
  headerRow: number;
  columns: MappedColumn[];
  /** Headers of columns the importer does not read: shown, never silently dropped. */
  ignored: string[];
  rows: TableRow[];
  skipped: { blank: number; summary: number };
};

const HEADER_SCAN_ROWS = 20;
const SUMMARY = /^(合\s*计|总\s*计|小\s*计|累\s*计)/;

export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** A header as compared: no spaces or line breaks, no unit or note in brackets, no year or required mark. */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s/g, '')
    .replace(/[*＊]/g, '')
    .replace(/[(（][^)）]*[)）]/g, '')
    .replace(/^\d{4}年(度)?/, '')
    .replace(/[:：]$/, '');
}

export function unitOfHeader(text: string): MoneyUnit | null {
  const t = text.normalize('NFKC');
  if (t.includes('亿元')) return 'yi';
  if (t.includes('万元')) return 'wan';
  if (/[(（]元[)）]/.test(t)) return 'yuan';
  return null;
}

export function yearOfHeader(text: string): number | null {
  const m = /^\s*(\d{4})年/.exec(text.normalize('NFKC'));
  return m ? Number(m[1]) : null;
}

function specFor(header: string, specs: readonly ColumnSpec[]): ColumnSpec | undefined {
  const name = normalizeHeader(header);
  if (!name) return undefined;
  return specs.find(
    (s) => normalizeHeader(s.label) === name || (s.aliases ?? []).some((a) => normalizeHeader(a) === name),
  );
}

/** The header text of each column when the header ends on row `r`: a second row under a merged group header. */
function headerTexts(grid: Grid, r: number): string[] {
  const row = grid.rows[r] ?? [];
  const above = r > 0 ? (grid.rows[r - 1] ?? []) : [];
  const width = Math.max(row.length, above.length);
  const out: string[] = [];
  for (let c = 0; c < width; c++) {
    const lower = cellText(row[c] ?? null);
    const upper = cellText(above[c] ?? null);
    out.push(lower || upper);
  }
  return out;
}

function scoreRow(texts: readonly string[], specs: readonly ColumnSpec[]): number {
  const seen = new Set<string>();
  for (const t of texts) {
    const spec = specFor(t, specs);
    if (spec) seen.add(spec.key);
  }
  return seen.size;
}

/** Parses one cell by its column's kind. */
function parseCell(value: CellValue, column: MappedColumn): Parsed<unknown> {
  const spec = column.spec;
  switch (spec.kind) {
    case 'money':
      return parseMoney(value, column.unit ?? spec.unit ?? 'wan');
    case 'number':
      return parseNumber(value);
    case 'date':
      return parseDate(value);
    case 'yesno':
      return parseYesNo(value);
    case 'choice':
      return parseChoice(value, spec.choices ?? {}, spec.synonyms ?? {});
    default:
      return isBlank(value)
        ? { ok: true, value: null }
        : { ok: true, value: restoreNeutralized(cellText(value)) };
  }
}

/** Where a sheet's table is: its header row and the columns it maps, before any data row is read. */
export type TableHead = Pick<Table, 'sheet' | 'headerRow' | 'columns' | 'ignored'>;

/** A unit written for a group of columns: "投资情况（亿元）", "（单位：万元）", "单位：亿元" — not "亿元以上项目". */
const GROUP_UNIT = /[(（]\s*(?:单位[:：]\s*)?(亿元|万元|元)\s*[)）]|单位[:：]\s*(亿元|万元|元)/;

function groupUnitOf(text: string): MoneyUnit | null {
  const m = GROUP_UNIT.exec(text.normalize('NFKC'));
  const unit = m?.[1] ?? m?.[2];
  return unit === '亿元' ? 'yi' : unit === '万元' ? 'wan' : unit === '元' ? 'yuan' : null;
}

/** The header of the table on one sheet, or undefined when no row looks like a header of these columns. */
export function locateTable(grid: Grid, specs: readonly ColumnSpec[]): TableHead | undefined {
  let best = { row: -1, score: 1 };
  const scan = Math.min(HEADER_SCAN_ROWS, grid.rows.length);
  for (let r = 0; r < scan; r++) {
    // A one-row header is the row itself; a two-row one reads a blank cell from the merged row above.
    const single = scoreRow(
      (grid.rows[r] ?? []).map((v) => cellText(v)),
      specs,
    );
    const double = scoreRow(headerTexts(grid, r), specs);
    const score = Math.max(single, double);
    if (score > best.score) best = { row: r, score };
  }
  if (best.row < 0) return undefined;
  const singleScore = scoreRow(
    (grid.rows[best.row] ?? []).map((v) => cellText(v)),
    specs,
  );
  const twoRows = singleScore < best.score;
  const texts = twoRows ? headerTexts(grid, best.row) : (grid.rows[best.row] ?? []).map((v) => cellText(v));
  // A merged group header or title above ("投资情况（亿元）", "（单位：亿元）") gives its unit to the columns
  // under it, when it names a unit as units are written.
  const groups = best.row > 0 ? (grid.rows[best.row - 1] ?? []).map((v) => cellText(v)) : [];
  const groupUnit = (index: number) => {
    const group = groups[index];
    return group && !specFor(group, specs) ? groupUnitOf(group) : null;
  };
  const columns: MappedColumn[] = [];
  const ignored: string[] = [];
  const taken = new Set<string>();
  texts.forEach((header, index) => {
    if (!header) return;
    const spec = specFor(header, specs);
    if (!spec || taken.has(spec.key)) {
      ignored.push(header);
      return;
    }
    taken.add(spec.key);
    columns.push({
      index,
      letter: columnLetter(index),
      header,
      spec,
      unit: unitOfHeader(header) ?? groupUnit(index),
      year: yearOfHeader(header),
    });
  });
  return { sheet: grid.name, headerRow: best.row + 1, columns, ignored };
}

/**
 * The data rows of grid rows [from, to) under a located header (by default every row below it), so that
 * a caller may read a long sheet in slices. A row whose mapped cells are all blank is skipped as blank
 * (a 序号 alone does not make a row); a row starting with 合计/总计/小计 is skipped as a summary.
 */
export function readRows(
  grid: Grid,
  head: TableHead,
  from = head.headerRow,
  to = grid.rows.length,
): { rows: TableRow[]; skipped: { blank: number; summary: number } } {
  const rows: TableRow[] = [];
  const skipped = { blank: 0, summary: 0 };
  for (let r = Math.max(from, head.headerRow); r < Math.min(to, grid.rows.length); r++) {
    const cells = grid.rows[r] ?? [];
    if (head.columns.every((c) => isBlank(cells[c.index] ?? null))) {
      skipped.blank++;
      continue;
    }
    const firstTexts = cells.slice(0, 4).map((v) => cellText(v ?? null));
    if (firstTexts.some((t) => SUMMARY.test(t))) {
      skipped.summary++;
      continue;
    }
    const values: Record<string, unknown> = {};
    const errors: CellError[] = [];
    for (const column of head.columns) {
      const parsed = parseCell(cells[column.index] ?? null, column);
      if (parsed.ok) values[column.spec.key] = parsed.value;
      else {
        errors.push({
          sheet: grid.name,
          row: r + 1,
          column: column.letter,
          header: column.header,
          message: parsed.message,
        });
      }
    }
    rows.push({ sheet: grid.name, row: r + 1, values, errors });
  }
  return { rows, skipped };
}

/** The table on one sheet, or undefined when no row looks like a header of these columns. */
export function readTable(grid: Grid, specs: readonly ColumnSpec[]): Table | undefined {
  const head = locateTable(grid, specs);
  return head ? { ...head, ...readRows(grid, head) } : undefined;
}

/** Every sheet's table (several sheets in one file); sheets without a recognisable header are named. */
export function readTables(
  grids: readonly Grid[],
  specs: readonly ColumnSpec[],
): { tables: Table[]; sheetsWithoutHeader: string[] } {
  const tables: Table[] = [];
  const sheetsWithoutHeader: string[] = [];
  for (const grid of grids) {
    const table = readTable(grid, specs);
    if (table) tables.push(table);
    else if (grid.rows.some((r) => r.some((v) => !isBlank(v ?? null)))) sheetsWithoutHeader.push(grid.name);
  }
  return { tables, sheetsWithoutHeader };
}
