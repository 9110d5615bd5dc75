/**
 * The Word and Excel writers as deployed (issue 17): bundled by `bundleFunction` (an ES module split into chunks,
 * docx, exceljs and jszip in chunks read on first use, CommonJS packages given `require` by the banner) and run in
 * a fresh Node process. `bundle.test.ts` proves every chunk loads; this proves the chunks work: a 登记回执 comes out
 * as a Word file with its title, a ledger as a workbook with its header row.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { LEDGER_COLUMNS } from '../../functions/shared/domain/ledger';
import { bundleFunction } from '../../lib/constructs/service-function';
import { readDocx } from '../support/docx-read';

jest.setTimeout(120_000);

describe('Word and Excel from the deployed bundle format', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'gongkai-bundled-files-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes a 登记回执 in Word and a ledger in Excel from an ES module split into chunks, in a fresh process', async () => {
    // Arrange
    bundleFunction('test/infra/fixtures/bundled-files.ts', out);
    const index = pathToFileURL(path.join(out, 'index.mjs')).href;
    const script = `const { run } = await import(${JSON.stringify(index)}); process.stdout.write(JSON.stringify(await run()));`;

    // Act
    const written = JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        encoding: 'utf8',
        env: { ...process.env, AWS_REGION: 'cn-north-1' },
        maxBuffer: 64 * 1024 * 1024,
      }),
    ) as { docx: string; xlsx: string };
    const docx = readDocx(Buffer.from(written.docx, 'base64'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(written.xlsx, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];

    // Assert
    expect(docx.paragraphs).toContain('政府信息公开申请登记回执');
    expect(docx.paragraphs.join('')).toContain('NDZ-2024-000001');
    expect(sheet?.getRow(1).values).toEqual([undefined, ...LEDGER_COLUMNS]);
    expect(sheet?.getRow(2).getCell(1).value).toBe('NDZ-2024-000001');
  });
});
