/**
 * `gongkai demo` (issue 13): a fresh local system on a temporary data folder, filled through the HTTP API with a
 * year of a town and a county department; afterwards its work list, mail page and annual report are not empty.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DEMO_DEPARTMENT, DEMO_START, DEMO_TOWN, DEMO_YEAR, fillDemo } from '../../local/demo';
import { startLocalSystem, type LocalSystem } from '../../local/runtime';

jest.setTimeout(600_000);

describe('gongkai demo', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gongkai-demo-test-'));
  let system: LocalSystem;

  beforeAll(async () => {
    system = await startLocalSystem({ dataDir, port: 0, virtualClock: new Date(DEMO_START) });
  }, 120_000);
  afterAll(async () => {
    await system?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('leaves a work list, a mail page and annual reports that are not empty', async () => {
    // Act
    const summary = await fillDemo(system);

    // Assert
    const base = (system.urls.web ?? '').replace(/\/$/, '');
    const get = (route: string, token: string) =>
      fetch(`${base}${route}`, { headers: { authorization: `Bearer ${token}` } });
    const town = system.tokens.tokenFor(DEMO_TOWN);
    const workList = (await (await get(`/v1/cases?agencyId=${DEMO_TOWN}`, town)).json()) as { cases: unknown[] };
    const mail = await (await get('/_local/mail', system.adminToken)).text();
    const report = await (await get(`/v1/agencies/${DEMO_TOWN}/reports/${DEMO_YEAR}?format=md`, town)).text();
    const department = await get(
      `/v1/agencies/${DEMO_DEPARTMENT}/reports/${DEMO_YEAR}?format=json`,
      system.tokens.tokenFor(DEMO_DEPARTMENT),
    );
    const emails = (await (await get('/_local/emails', system.adminToken)).json()) as { kind?: string }[];

    expect(summary.cases).toBeGreaterThanOrEqual(30);
    expect(summary.reports).toEqual([{ agencyId: DEMO_TOWN, status: 200 }]);
    expect(workList.cases.length).toBeGreaterThan(0);
    expect(Number(/id="mail-count">(\d+)</.exec(mail)?.[1])).toBeGreaterThan(0);
    expect(report).toContain('政府信息公开工作年度报告');
    expect(department.status).toBe(200);
    // a few replies appealed: section 四 counted from them (issue #14)
    const townJson = (await (await get(`/v1/agencies/${DEMO_TOWN}/reports/${DEMO_YEAR}?format=json`, town)).json()) as {
      section4: Record<string, { total: number }>;
      section4Source?: { note: string };
    };
    expect(Object.values(townJson.section4).map((b) => b.total)).toEqual([2, 1, 1]);
    expect(townJson.section4Source?.note).toBe('注：本表数据由系统登记的4件复议诉讼案件统计。');
    // the clock did the rest: automatic closes of the lapses, reminders or escalations, the report schedule
    const kinds = new Set(emails.map((e) => e.kind));
    expect([...kinds].some((k) => /closed|lapse|terminat/.test(k ?? ''))).toBe(true);
    expect(kinds.size).toBeGreaterThan(5);
  });
});
