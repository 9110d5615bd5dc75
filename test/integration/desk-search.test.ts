import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { CASE_TABLE_SCHEMA } from '../../lib/table-schema';
import { SAMPLE_COMPANY, startTestSystem, workListAll, type TestSystem } from '../support/local-system';
import { generatedCase, seedCases } from '../support/seed-cases';

/**
 * The desk's work list and search (design.md §9 "Paging", "Search"; issue 14 acceptance 1) with 2,000 cases in
 * one agency, through the HTTP API: a name, a phone, an ID number and a receipt number each find their case,
 * exact matches first; words of the description find cases; the work list pages 50 by default and at most 200;
 * no index and no log line holds the ID number or phone in clear.
 */

interface Row {
  caseId: string;
  receiptNumber: string;
  maskedName: string;
  sortDue: string;
  replyDue?: string;
  status: string;
  urgency: string;
  match?: string;
  closedOn?: string;
  outcome?: string;
}
interface Page {
  cases: Row[];
  nextCursor?: string;
}
interface ApiError {
  error: { code: string; message: string; fields?: { path: string; message: string }[] };
}

jest.setTimeout(120_000);

const TODAY = '2024-10-23';
const AGENCY = 'niedui-town';
const COUNT = 2000;
const TARGET = 1234;

describe('search and paging of 2,000 cases', () => {
  let t: TestSystem;
  let token: string;
  const records = Array.from({ length: COUNT }, (_, i) =>
    generatedCase(i, { agencyId: AGENCY, prefix: 'NDZ', today: TODAY }),
  );
  const target = records[TARGET]!;
  /** An organisation (法人或者其他组织) among them, open: its name is no personal information. */
  const company = ((base) => ({
    ...base,
    applicant: { ...base.applicant, ...SAMPLE_COMPANY },
  }))(generatedCase(COUNT + 1, { agencyId: AGENCY, prefix: 'NDZ', today: TODAY }));

  beforeAll(async () => {
    t = await startTestSystem({ virtualClock: `${TODAY}T10:00:00+08:00` });
    token = t.tokens[AGENCY] ?? '';
    await seedCases(t, [...records, company], TODAY);
  }, 300_000);
  afterAll(async () => {
    await t?.stop();
  });

  const search = (q: string, extra = '') =>
    t.api<Page & ApiError>('GET', `/v1/cases?agencyId=${AGENCY}&q=${encodeURIComponent(q)}${extra}`, { token });

  /** Runs `work` with stdout and stderr captured; returns what was written. */
  async function captureOutput(work: () => Promise<void>): Promise<string> {
    const chunks: string[] = [];
    const record = (chunk: unknown): boolean => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      return true;
    };
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(record as typeof process.stdout.write);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(record as typeof process.stderr.write);
    try {
      await work();
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
    return chunks.join('');
  }

  it.each([
    ['name', () => target.applicant.name, 'name'],
    ['phone', () => target.applicant.phone, 'phone'],
    [
      'phone written with +86 and dashes',
      () => `+86 ${target.applicant.phone.slice(0, 3)}-${target.applicant.phone.slice(3)}`,
      'phone',
    ],
    ['ID number', () => target.applicant.idNumber, 'id_number'],
    ['ID number with a lower-case x', () => target.applicant.idNumber.toLowerCase(), 'id_number'],
    ['receipt number', () => target.receiptNumber, 'receipt_number'],
    [
      'receipt number shortened to its sequence',
      () => String(Number(target.receiptNumber.split('-')[2])),
      'receipt_number',
    ],
    [
      'receipt number as year and sequence',
      () => `${target.receiptNumber.split('-')[1]}年${Number(target.receiptNumber.split('-')[2])}号`,
      'receipt_number',
    ],
  ])('finds the case by its applicant’s %s, as an exact match before any other', async (_label, q, match) => {
    // Act
    const response = await search(q());

    // Assert
    expect(response.status).toBe(200);
    const first = response.body.cases[0];
    expect(first).toMatchObject({ caseId: target.caseId, receiptNumber: target.receiptNumber, match });
    const matches = response.body.cases.map((c) => c.match);
    const lastExact = matches.map((m) => m !== 'description').lastIndexOf(true);
    expect(matches.slice(0, lastExact + 1).every((m) => m !== 'description')).toBe(true);
  });

  it('finds cases by words of the description, only cases containing every word, with a next page', async () => {
    // Act
    const first = await search('环境影响评价 报告', '&limit=20');
    const second = await search(
      '环境影响评价 报告',
      `&limit=20&cursor=${encodeURIComponent(first.body.nextCursor ?? '')}`,
    );

    // Assert
    const expected = records.filter((r) => r.information.description.includes('环境影响评价报告')).length;
    expect(first.status).toBe(200);
    expect(first.body.cases).toHaveLength(20);
    expect(first.body.cases.every((c) => c.match === 'description')).toBe(true);
    expect(second.status).toBe(200);
    const ids = [...first.body.cases, ...second.body.cases].map((c) => c.caseId);
    expect(new Set(ids).size).toBe(ids.length);
    const all = await workListAll<Row>(t, `agencyId=${AGENCY}&q=${encodeURIComponent('环境影响评价 报告')}`, token);
    expect(all).toHaveLength(expected);
    const byId = new Map(records.map((r) => [r.caseId, r]));
    expect(all.every((c) => byId.get(c.caseId)?.information.description.includes('环境影响评价报告'))).toBe(true);
  });

  it('finds an organisation by a word of its name and shows its name in full', async () => {
    // Act
    const byWord = await search('华夏建材');
    const byWords = await search('西华县 建材');
    const byWholeName = await search(company.applicant.name);

    // Assert
    expect(byWord.status).toBe(200);
    expect(byWord.body.cases).toEqual([
      expect.objectContaining({
        caseId: company.caseId,
        maskedName: '西华县华夏建材有限公司',
        match: 'organisation_name',
      }),
    ]);
    expect(byWords.body.cases.map((c) => c.caseId)).toEqual([company.caseId]);
    expect(byWholeName.body.cases[0]).toMatchObject({ caseId: company.caseId, match: 'name' });
  });

  it('shows the organisation unmasked in the work list, and every person masked', async () => {
    const all = await workListAll<Row>(t, `agencyId=${AGENCY}`, token);

    expect(all.find((c) => c.caseId === company.caseId)?.maskedName).toBe('西华县华夏建材有限公司');
    const people = all.filter((c) => c.caseId !== company.caseId);
    expect(people.length).toBeGreaterThan(1000);
    expect(people.every((c) => /^\p{Script=Han}\*+$/u.test(c.maskedName))).toBe(true);
  });

  it('finds a person only by their whole name, never by a part of it', async () => {
    const part = await search(target.applicant.name.slice(1));

    expect(part.status).toBe(200);
    expect(part.body.cases.map((c) => c.caseId)).not.toContain(target.caseId);
    expect(part.body.cases.every((c) => c.match !== 'name')).toBe(true);
  });

  it('finds nothing for a phone number no applicant has', async () => {
    const response = await search('13700000000');
    expect(response.status).toBe(200);
    expect(response.body.cases).toEqual([]);
    expect(response.body.nextCursor).toBeUndefined();
  });

  it('pages the open work list 50 at a time by default, soonest deadline first, every open case exactly once', async () => {
    // Act
    const firstPage = await t.api<Page>('GET', `/v1/cases?agencyId=${AGENCY}`, { token });
    const all = await workListAll<Row>(t, `agencyId=${AGENCY}`, token);

    // Assert
    const open = [...records, company].filter((r) => !r.events.some((e) => e.event.type === 'replied'));
    expect(firstPage.body.cases).toHaveLength(50);
    expect(firstPage.body.nextCursor).toEqual(expect.any(String));
    expect(all).toHaveLength(open.length);
    expect(new Set(all.map((c) => c.caseId)).size).toBe(open.length);
    // Soonest deadline first; cases due the same day in the order of their receipt numbers
    const keys = all.map((c) => `${c.sortDue}#${c.receiptNumber}`);
    expect(keys).toEqual([...keys].sort());
    expect(all.slice(0, 50).map((c) => c.caseId)).toEqual(firstPage.body.cases.map((c) => c.caseId));
  });

  it('pages the overdue filter and the deadline filter through their index ranges', async () => {
    // Act
    const overdue = await workListAll<Row>(t, `agencyId=${AGENCY}&overdue=true`, token);
    const dueBefore = await workListAll<Row>(t, `agencyId=${AGENCY}&dueBefore=2024-03-01`, token);

    // Assert
    expect(overdue.length).toBeGreaterThan(200);
    expect(overdue.every((c) => c.replyDue !== undefined && c.replyDue < TODAY && c.urgency === 'overdue')).toBe(true);
    expect(dueBefore.length).toBeGreaterThan(0);
    expect(dueBefore.every((c) => c.sortDue < '2024-03-01')).toBe(true);
  });

  it('lists the closed cases latest first with their outcome and reply date', async () => {
    const response = await t.api<Page>('GET', `/v1/cases?agencyId=${AGENCY}&status=closed&limit=10`, { token });
    expect(response.status).toBe(200);
    expect(response.body.cases).toHaveLength(10);
    expect(response.body.cases[0]).toMatchObject({ outcome: 'disclosed', closedOn: expect.any(String) });
    const closedOn = response.body.cases.map((c) => c.closedOn ?? '');
    expect(closedOn).toEqual([...closedOn].sort().reverse());
  });

  it.each([
    ['limit=201', 'limit', '每页条数'],
    ['limit=0', 'limit', '每页条数'],
    ['limit=ten', 'limit', '每页条数'],
    ['cursor=not-a-cursor', 'cursor', '分页游标'],
    ['year=2024', 'format', '导出格式'],
  ])('refuses %s with 400 naming the parameter', async (query, path, label) => {
    const response = await t.api<ApiError>('GET', `/v1/cases?agencyId=${AGENCY}&${query}`, { token });
    expect(response.status).toBe(400);
    expect(response.body.error.fields?.[0]?.path).toBe(path);
    expect(response.body.error.message + JSON.stringify(response.body.error.fields)).toContain(label);
  });

  it('keeps the ID number and phone out of every index and every log line', async () => {
    // Act: search by them while capturing the logs.
    const logs = await captureOutput(async () => {
      await search(target.applicant.idNumber);
      await search(target.applicant.phone);
    });
    const indexes = await Promise.all(
      CASE_TABLE_SCHEMA.indexes.map(async (index) => {
        const items: unknown[] = [];
        let ExclusiveStartKey: Record<string, unknown> | undefined;
        do {
          const page = await t.system.clients.document.send(
            new ScanCommand({ TableName: t.system.tableName, IndexName: index.indexName, ExclusiveStartKey }),
          );
          items.push(...(page.Items ?? []));
          ExclusiveStartKey = page.LastEvaluatedKey;
        } while (ExclusiveStartKey);
        return JSON.stringify(items);
      }),
    );

    // Assert
    expect(indexes.join('').length).toBeGreaterThan(COUNT * 100);
    for (const text of [...indexes, logs]) {
      expect(text).not.toContain(target.applicant.idNumber);
      expect(text).not.toContain(target.applicant.phone);
    }
  });
});
