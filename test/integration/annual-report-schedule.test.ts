import { GetObjectCommand } from '@aws-sdk/client-s3';
import { startTestSystem, type TestSystem } from '../support/local-system';

/**
 * The January schedule (issue 6): the local cron runs `functions/annual-report/handler.ts#scheduled` at 02:00
 * Beijing time on 2 January, on the system's (virtual) clock, exactly as EventBridge Scheduler does in AWS.
 * Its own test file: one local system per file (the handlers' clients live at module scope).
 */
describe('the annual-report schedule on the virtual clock', () => {
  let t: TestSystem;

  beforeAll(async () => {
    t = await startTestSystem({ virtualClock: '2025-01-01T12:00:00+08:00' });
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
  });

  it('generates nothing before 02:00 on 2 January', async () => {
    // Act
    await t.advanceTo('2025-01-02T01:59:00+08:00');

    // Assert
    const response = await t.api('GET', '/v1/agencies/niedui-town/reports/2024?format=json', {
      token: t.tokens['niedui-town'],
    });
    expect(response.status).toBe(404);
    expect((await t.emails()).filter((e) => e.kind === 'report_ready')).toEqual([]);
  });

  it("generates every agency's 2024 draft at 02:00 on 2 January and emails each office that it is ready", async () => {
    // Act
    await t.advanceTo('2025-01-02T03:00:00+08:00');

    // Assert: the drafts, in S3 and through the API, for staff only.
    for (const agencyId of ['niedui-town', 'xihua-county']) {
      const object = await t.system.clients.s3.send(
        new GetObjectCommand({ Bucket: t.system.bucketName, Key: `reports/${agencyId}/2024/report.json` }),
      );
      const report = JSON.parse((await object.Body?.transformToString()) ?? '{}') as {
        year: number;
        status: string;
        generatedAt: string;
      };
      expect(report).toMatchObject({ year: 2024, status: 'draft', generatedAt: '2025-01-01T18:00:00.000Z' });
      const staff = await t.api('GET', `/v1/agencies/${agencyId}/reports/2024?format=md`, {
        token: t.tokens[agencyId],
      });
      expect(staff.status).toBe(200);
      expect(String(staff.body)).toContain('2024年政府信息公开工作年度报告');
      expect((await t.api('GET', `/v1/agencies/${agencyId}/reports/2024`)).status).toBe(404);
    }
    const ready = (await t.emails()).filter((e) => e.kind === 'report_ready');
    expect(
      ready
        .map((e) => e.to)
        .flat()
        .sort(),
    ).toEqual(['gongkai@niedui.example.gov.cn', 'gongkai@xihua.example.gov.cn']);
    const niedui = ready.find((e) => e.to.includes('gongkai@niedui.example.gov.cn'));
    expect(niedui?.subject).toBe('聂堆镇人民政府2024年政府信息公开工作年度报告草稿已生成');
    expect(niedui?.text).toContain('/console.html#/reports/niedui-town/2024');
    expect(niedui?.time).toBe('2025-01-01T18:00:00.000Z');
  });
});
