import { sampleApplication, startTestSystem, workListAll, type TestSystem } from '../support/local-system';

/**
 * Receipt numbers under load and idempotent retries (issue 4): 200 simultaneous online applications to one
 * agency get `NDZ-2024-000001` … `NDZ-2024-000200`, no gap and no duplicate; a submission retried with one
 * `clientToken` makes one case. Its own local system, so the agency's counter starts at 1.
 */

interface Submitted {
  caseId: string;
  receiptNumber: string;
  trackingCode?: string;
  trackingCodeSentByEmail?: boolean;
}
interface WorkList {
  cases: { caseId: string; receiptNumber: string }[];
}

const CONCURRENT = 200;
const expectedNumbers = Array.from({ length: CONCURRENT }, (_, i) => `NDZ-2024-${String(i + 1).padStart(6, '0')}`);

describe('receipt numbers under concurrent submissions', () => {
  let t: TestSystem;

  beforeAll(async () => {
    t = await startTestSystem({ virtualClock: '2024-11-05T10:00:00+08:00' });
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
  });

  const workList = async () =>
    workListAll<WorkList['cases'][number]>(t, 'agencyId=niedui-town', t.tokens['niedui-town'] ?? '');

  it('gives 200 simultaneous applications to one agency 200 cases numbered 000001 to 000200 without gap or duplicate', async () => {
    // Arrange
    const bodies = Array.from({ length: CONCURRENT }, (_, i) =>
      sampleApplication({ information: { description: `第${i + 1}份申请：请公开聂堆镇2024年道路修缮工程的招标文件` } }),
    );

    // Act
    const started = Date.now();
    const answers = await Promise.all(bodies.map((body) => t.api<Submitted>('POST', '/v1/requests', { body })));
    const elapsedMs = Date.now() - started;

    // Assert: from the answers …
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: CONCURRENT }, () => 201));
    expect(answers.map((a) => a.body.receiptNumber).sort()).toEqual(expectedNumbers);
    expect(new Set(answers.map((a) => a.body.caseId)).size).toBe(CONCURRENT);
    // … and from the work list.
    const listed = await workList();
    expect(listed.map((c) => c.receiptNumber).sort()).toEqual(expectedNumbers);
    expect(new Set(listed.map((c) => c.caseId))).toEqual(new Set(answers.map((a) => a.body.caseId)));
    process.stdout.write(`[measure] ${CONCURRENT} concurrent submissions answered in ${elapsedMs} ms\n`);
    // … and each applicant got exactly one acknowledgement. The outbox delivers after the answers, behind the API
    // requests in flight (local/background-lane.ts): this waits for the whole backlog of the 200.
    const acknowledged = (await t.emails()).filter((e) => e.kind === 'acknowledgement').map((e) => e.caseId);
    expect(acknowledged.sort()).toEqual(answers.map((a) => a.body.caseId).sort());
  }, 240_000);

  it('makes one case of a submission sent once and retried three times with the same clientToken', async () => {
    // Arrange
    const before = await workList();
    const body = sampleApplication({ clientToken: 'retry-3f9c2a7e-0001' });

    // Act: the first send and two retries while it is still in flight, then a late third retry.
    const inFlight = await Promise.all([0, 1, 2].map(() => t.api<Submitted>('POST', '/v1/requests', { body })));
    const late = await t.api<Submitted>('POST', '/v1/requests', { body });

    // Assert
    const answers = [...inFlight, late];
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.caseId)).size).toBe(1);
    expect(new Set(answers.map((a) => a.body.receiptNumber))).toEqual(new Set(['NDZ-2024-000201']));
    expect(answers.filter((a) => a.body.trackingCode !== undefined)).toHaveLength(1);
    expect(answers.filter((a) => a.body.trackingCodeSentByEmail === true)).toHaveLength(3);
    const after = await workList();
    expect(after).toHaveLength(before.length + 1);
    const caseId = late.body.caseId;
    expect((await t.emails()).filter((e) => e.kind === 'acknowledgement' && e.caseId === caseId)).toHaveLength(1);
  }, 60_000);
});
