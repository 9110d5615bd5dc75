import ExcelJS from 'exceljs';
import { LEDGER_COLUMNS } from '../domain/ledger';

/**
 * The ledger (台账) as a file, written by exceljs: an Excel workbook with a frozen, bold header row, or CSV in
 * UTF-8 with a byte-order mark so Excel opens the Chinese text correctly.
 */
export type LedgerFormat = 'xlsx' | 'csv';

export const LEDGER_CONTENT_TYPES: Record<LedgerFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

const WIDTHS = [18, 12, 12, 12, 10, 40, 10, 12, 12, 24, 10, 24, 30, 30, 16];
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export async function ledgerFile(
  title: string,
  rows: readonly (readonly string[])[],
  format: LedgerFormat,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'gongkai';
  const sheet = workbook.addWorksheet(title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = LEDGER_COLUMNS.map((header, i) => ({ header, key: `c${i}`, width: WIDTHS[i] ?? 14 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow([...row]);
  if (format === 'csv') return Buffer.concat([UTF8_BOM, Buffer.from(await workbook.csv.writeBuffer())]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
