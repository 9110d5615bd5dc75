import ExcelJS from 'exceljs';
import { LEDGER_COLUMNS } from '../../functions/shared/domain/ledger';
import { makeAuditRepository } from '../../functions/shared/store/audit-repository';
import { sampleApplication, startTestSystem, type TestSystem } from '../support/local-system';
import { generatedCase, seedCases } from '../support/seed-cases';

/**
 * The ledger (台账) export (design.md §9 "The desk"; issue 14 acceptance 2): a year with 500 cases opens as XLSX
 * (read back with exceljs) with one row per case of that year and the §9 columns; the CSV is UTF-8 with a BOM;
 * every export is recorded in the audit trail; another agency's staff get 403.
 */

jest.setTimeout(180_000);

const TODAY = '2024-10-23';
const AGENCY = 'niedui-town';
const COUNT = 500;

describe('the ledger of a year with 500 cases', () => {
  let t: TestSystem;
  let token: string;
  const records = Array.from({ length: COUNT }, (_, i) =>
    generatedCase(i, { agencyId: AGENCY, prefix: 'NDZ', today: TODAY }),
  );

  /** Downloads the ledger through the HTTP API as bytes. */
  const download = async (query: string, bearer = token) => {
    const response = await fetch(`${t.baseUrl}/v1/cases?${query}`, { headers: { authorization: `Bearer ${bearer}` } });
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      bytes: Buffer.from(await response.arrayBuffer()),
    };
  };

  beforeAll(async () => {
    t = await startTestSystem({ virtualClock: `${TODAY}T10:00:00+08:00` });
    token = t.tokens[AGENCY] ?? '';
    await seedCases(t, records, TODAY);
    // One case of the year before, which the 2024 ledger must leave out.
    const { agencyId, applicant, information, delivery } = sampleApplication();
    const earlier = await t.api('POST', '/v1/cases', {
      body: { agencyId, channel: 'in_person', receivedOn: '2023-12-28', applicant, information, delivery },
      token,
    });
    expect(earlier.status).toBe(201);
  }, 300_000);
  afterAll(async () => {
    await t?.stop();
  });

  it('opens as an Excel workbook with the §9 columns and one row per case received in the year', async () => {
    // Act
    const file = await download(`agencyId=${AGENCY}&year=2024&format=xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);

    // Assert
    expect(file.status).toBe(200);
    expect(file.type).toContain('spreadsheetml');
    const sheet = workbook.worksheets[0];
    expect(sheet).toBeDefined();
    const values = (n: number) => ((sheet?.getRow(n).values ?? []) as unknown[]).slice(1).map(String);
    expect(values(1)).toEqual([...LEDGER_COLUMNS]);
    expect(sheet?.rowCount).toBe(COUNT + 1);
    const receipts = Array.from({ length: COUNT }, (_, i) => values(i + 2)[0]);
    expect(new Set(receipts)).toEqual(new Set(records.map((r) => r.receiptNumber)));
    // A replied case: its reply date, the outcome as the report's row, answered in time.
    const replied = records[10]!;
    const row = values(receipts.indexOf(replied.receiptNumber) + 2);
    const repliedOn = replied.events.at(-1)?.event.on;
    expect(row).toEqual([
      replied.receiptNumber,
      replied.receivedOn,
      '互联网',
      '自然人',
      replied.applicant.name,
      replied.information.description,
      '已办结',
      expect.stringMatching(/^2024-\d\d-\d\d$/),
      repliedOn,
      '予以公开',
      '是',
      '无',
      '无',
      '无',
      '无',
    ]);
    // An open case received in January is overdue and says so.
    const open = values(receipts.indexOf(records[1]!.receiptNumber) + 2);
    expect(open[6]).toBe('办理中');
    expect(open[10]).toBe('否（已逾期，未答复）');
  });

  it('writes the CSV in UTF-8 with a byte-order mark, one line per case, Chinese intact', async () => {
    // Act
    const file = await download(`agencyId=${AGENCY}&year=2024&format=csv`);

    // Assert
    expect(file.status).toBe(200);
    expect(file.type).toContain('text/csv');
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = file.bytes.subarray(3).toString('utf8').trim().split(/\r?\n/);
    expect(lines[0]).toBe(LEDGER_COLUMNS.join(','));
    expect(lines).toHaveLength(COUNT + 1);
    expect(
      lines.some((l) => l.startsWith(`${records[7]!.receiptNumber},`) && l.includes(records[7]!.applicant.name)),
    ).toBe(true);
  });

  it('records every export in the audit trail with who, the year, the format and the row count', async () => {
    const audit = await makeAuditRepository(t.system.clients.document, t.system.tableName).list(AGENCY);
    expect(audit.map((e) => [e.action, e.actor, e.detail])).toEqual(
      expect.arrayContaining([
        ['ledger_export', 'staff@niedui-town', { year: 2024, format: 'xlsx', rows: COUNT }],
        ['ledger_export', 'staff@niedui-town', { year: 2024, format: 'csv', rows: COUNT }],
      ]),
    );
    expect(JSON.stringify(audit)).not.toContain(records[0]!.applicant.idNumber);
  });

  it('refuses the county’s staff the town’s ledger with 403', async () => {
    const file = await download(`agencyId=${AGENCY}&year=2024&format=xlsx`, t.tokens['xihua-county'] ?? '');
    expect(file.status).toBe(403);
  });
});
