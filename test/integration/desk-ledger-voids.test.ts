import ExcelJS from 'exceljs';
import { loadHandler } from '../../local/template';
import { LEDGER_COLUMNS, LEDGER_VOID_COLUMNS } from '../../functions/shared/domain/ledger';
import { makeAuditRepository } from '../../functions/shared/store/audit-repository';
import { makeCaseRepository } from '../../functions/shared/store/case-repository';
import { sampleApplication, startTestSystem, type TestSystem } from '../support/local-system';

/**
 * Void receipt numbers in the ledger (台账, design.md §9; issue #14): every number drawn in the year is on the
 * ledger — a case, or a row 状态 作废 with its reason — in number order, so the officer handing it to a
 * supervisor shows no gap; the workbook's sheet 作废编号 lists the void numbers; the CSV carries the same rows.
 */

jest.setTimeout(120_000);

const TODAY = '2024-10-23';
const AGENCY = 'niedui-town';
const REASON = '取号后受理请求中断，未生成案件';

describe('the ledger of a year with void receipt numbers', () => {
  let t: TestSystem;
  let token: string;
  const registered: string[] = [];
  const voided: string[] = [];

  const download = async (format: 'xlsx' | 'csv') => {
    const response = await fetch(`${t.baseUrl}/v1/cases?agencyId=${AGENCY}&year=2024&format=${format}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    return Buffer.from(await response.arrayBuffer());
  };
  const register = async (name: string) => {
    const { agencyId, applicant, information, delivery } = sampleApplication();
    const created = await t.api<{ case: { receiptNumber: string } }>('POST', '/v1/cases', {
      body: {
        agencyId,
        channel: 'in_person',
        receivedOn: '2024-10-21',
        applicant: { ...(applicant as object), name },
        information,
        delivery,
      },
      token,
    });
    expect(created.status).toBe(201);
    registered.push(created.body.case.receiptNumber);
  };

  beforeAll(async () => {
    t = await startTestSystem({ virtualClock: `${TODAY}T10:00:00+08:00` });
    token = t.tokens[AGENCY] ?? '';
    // Numbers 1 and 2 become cases; 3 and 4 are drawn by requests that die before writing; 5 is a case.
    await register('甲');
    await register('乙');
    const cases = makeCaseRepository(t.system.clients.document, t.system.tableName);
    for (let i = 0; i < 2; i++) {
      const sequence = await cases.nextReceiptSequence(AGENCY, 2024);
      voided.push(`NDZ-2024-${String(sequence).padStart(6, '0')}`);
    }
    await register('丙');
    // The reconcile records them void, told that nothing drawn before now is still in flight.
    const tracker = await loadHandler('functions/deadline-tracker/handler.ts#handler');
    await tracker({ task: 'reconcile', drawnBefore: new Date(Date.now() + 1000).toISOString() }, {});
  }, 90_000);
  afterAll(async () => {
    await t?.stop();
  });

  it('shows every number of the year in order in the workbook, the void ones as 作废 with their reason', async () => {
    // Act
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download('xlsx')) as unknown as ArrayBuffer);

    // Assert
    const [ledger, voidSheet] = workbook.worksheets;
    const values = (sheet: ExcelJS.Worksheet | undefined, n: number) =>
      ((sheet?.getRow(n).values ?? []) as unknown[]).slice(1).map((v) => (v === undefined ? '' : String(v)));
    expect(values(ledger, 1)).toEqual([...LEDGER_COLUMNS]);
    expect(ledger?.rowCount).toBe(6);
    const numbers = [2, 3, 4, 5, 6].map((n) => values(ledger, n)[0]);
    expect(numbers).toEqual(['NDZ-2024-000001', 'NDZ-2024-000002', ...voided, registered[2]]);
    expect(voided).toEqual(['NDZ-2024-000003', 'NDZ-2024-000004']);
    const voidRow = values(ledger, 4);
    expect(voidRow[6]).toBe('作废');
    expect(voidRow[5]).toBe(`本编号作废：${REASON}（${TODAY}记录）`);
    expect(voidRow.filter((cell, i) => cell !== '' && i !== 0 && i !== 5 && i !== 6)).toEqual([]);
    expect(values(ledger, 6)[4]).toBe('丙');
    expect(voidSheet?.name).toBe('作废编号');
    expect(values(voidSheet, 1)).toEqual([...LEDGER_VOID_COLUMNS]);
    expect([2, 3].map((n) => values(voidSheet, n))).toEqual([
      [voided[0], REASON, TODAY],
      [voided[1], REASON, TODAY],
    ]);
    expect(voidSheet?.rowCount).toBe(3);
  });

  it('puts the same rows in the CSV, in number order', async () => {
    // Act
    const lines = (await download('csv')).subarray(3).toString('utf8').trim().split(/\r?\n/);

    // Assert
    expect(lines.map((l) => l.split(',')[0])).toEqual([
      '受理编号',
      'NDZ-2024-000001',
      'NDZ-2024-000002',
      ...voided,
      registered[2],
    ]);
    expect(lines[3]).toContain(',作废,');
    expect(lines[3]).toContain(REASON);
  });

  it('records the void count with the export in the audit trail', async () => {
    const audit = await makeAuditRepository(t.system.clients.document, t.system.tableName).list(AGENCY);
    expect(audit.filter((e) => e.action === 'ledger_export').map((e) => e.detail)).toEqual(
      expect.arrayContaining([
        { year: 2024, format: 'xlsx', rows: 3, voids: 2 },
        { year: 2024, format: 'csv', rows: 3, voids: 2 },
      ]),
    );
  });
});
