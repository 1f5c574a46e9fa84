// Reads an .xlsx file into plain grids inside a worker thread, so that parsing a large sheet neither
// blocks other users' requests nor grows the main heap. Plain JavaScript: workers do not get the
// TypeScript loader. Values: text, numbers, booleans, dates; a formula gives its cached result; merged
// ranges give every cell the merged value; rich text and hyperlinks give their text.
import { parentPort, workerData } from 'node:worker_threads';
import ExcelJS from 'exceljs';

function plain(value) {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  if (typeof value !== 'object') return value;
  if ('result' in value || 'formula' in value || 'sharedFormula' in value) {
    return value.result === undefined ? null : plain(value.result);
  }
  if (Array.isArray(value.richText)) return value.richText.map((p) => p.text).join('');
  if ('text' in value) return plain(value.text);
  if ('error' in value) return null;
  return String(value);
}

async function read({ path, maxRows }) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const grids = [];
  let total = 0;
  for (const sheet of workbook.worksheets) {
    if (sheet.state && sheet.state !== 'visible') continue;
    const rows = [];
    const count = sheet.actualRowCount === 0 ? 0 : sheet.rowCount;
    for (let r = 1; r <= count; r++) {
      const row = sheet.getRow(r);
      const cells = [];
      for (let c = 1; c <= row.cellCount; c++) {
        const cell = row.getCell(c);
        cells.push(plain(cell.isMerged ? cell.master.value : cell.value));
      }
      while (cells.length > 0 && (cells[cells.length - 1] === null || cells[cells.length - 1] === ''))
        cells.pop();
      rows.push(cells);
      total++;
      if (total > maxRows) throw new Error(`ROWS_LIMIT:${maxRows}`);
    }
    grids.push({ name: sheet.name, rows });
  }
  return grids;
}

read(workerData).then(
  (grids) => parentPort.postMessage({ ok: true, grids }),
  (error) => parentPort.postMessage({ ok: false, message: String(error?.message ?? error) }),
);
