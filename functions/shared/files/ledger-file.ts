import { LEDGER_COLUMNS, LEDGER_VOID_COLUMNS, LEDGER_VOID_STATUS, type LedgerVoid } from '../domain/ledger';

/**
 * The ledger (台账) as a file, written by exceljs: an Excel workbook with a frozen, bold header row, or CSV in
 * UTF-8 with a byte-order mark so Excel opens the Chinese text correctly. The rows of void receipt numbers
 * (状态 作废) stand among the cases in number order, greyed in Excel; the workbook's second sheet 作废编号 lists
 * the void numbers with their reasons (the CSV has the rows only).
 */
export type LedgerFormat = 'xlsx' | 'csv';

export const LEDGER_CONTENT_TYPES: Record<LedgerFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** The name of the workbook's sheet of void receipt numbers. */
export const LEDGER_VOID_SHEET = '作废编号';

const WIDTHS = [18, 12, 12, 12, 10, 40, 10, 12, 12, 24, 10, 24, 30, 30, 16];
const VOID_WIDTHS = [18, 40, 12];
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export async function ledgerFile(
  title: string,
  rows: readonly (readonly string[])[],
  format: LedgerFormat,
  voids: readonly LedgerVoid[] = [],
): Promise<Buffer> {
  // exceljs is loaded on the ledger route only, not at every cold start of the cases function (issue 17).
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'gongkai';
  const sheet = workbook.addWorksheet(title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = LEDGER_COLUMNS.map((header, i) => ({ header, key: `c${i}`, width: WIDTHS[i] ?? 14 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    const added = sheet.addRow([...row]);
    if (row[6] === LEDGER_VOID_STATUS) added.font = { color: { argb: 'FF666666' }, italic: true };
  }
  if (format === 'csv') return Buffer.concat([UTF8_BOM, Buffer.from(await workbook.csv.writeBuffer())]);
  const voidSheet = workbook.addWorksheet(LEDGER_VOID_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  voidSheet.columns = LEDGER_VOID_COLUMNS.map((header, i) => ({ header, key: `v${i}`, width: VOID_WIDTHS[i] ?? 14 }));
  voidSheet.getRow(1).font = { bold: true };
  for (const v of voids) voidSheet.addRow([v.receiptNumber, v.reason, v.recordedOn]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
