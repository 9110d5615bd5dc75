import { sampleApplication, startTestSystem, type TestSystem } from '../support/local-system';

/**
 * No personal data in clear in the Lambdas' logs (issue 4). The handlers run in this process behind the local
 * HTTP front and log JSON lines to `process.stdout` / `process.stderr`; the test captures both while a whole case
 * runs — submission, notice to supplement, the applicant's supplement through the public route, a consultation,
 * an extension, a fee notice and its payment, the reply — and looks for the applicant's identity in every line.
 */

interface Submitted {
  caseId: string;
  receiptNumber: string;
  trackingCode: string;
}
interface StaffView {
  case: { version: number };
  events: { event: { type: string; consultationId?: string } }[];
}

const ID_NUMBER = '11010519491231002X';
const PHONE = '13812345678';
const EMAIL = 'zhangsan@example.cn';

describe('logs during a whole case', () => {
  let t: TestSystem;

  beforeAll(async () => {
    t = await startTestSystem({ virtualClock: '2024-10-23T10:00:00+08:00' });
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
  });

  /** Runs `work` with stdout and stderr captured (not printed); returns what was written, line by line. */
  async function captureOutput(work: () => Promise<void>): Promise<string[]> {
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
    return chunks
      .join('')
      .split('\n')
      .filter((line) => line.trim() !== '');
  }

  it('never writes the resident ID number, phone, email or tracking code in clear in any log line', async () => {
    // Arrange
    const token = t.tokens['niedui-town'];
    let submitted: Submitted | undefined;
    const statuses: number[] = [];
    const act = async (body: Record<string, unknown>) => {
      const response = await t.api<StaffView>('POST', `/v1/cases/${submitted?.caseId}/actions`, { body, token });
      statuses.push(response.status);
      return response.body;
    };

    // Act
    const lines = await captureOutput(async () => {
      const response = await t.api<Submitted>('POST', '/v1/requests', {
        body: sampleApplication({
          applicant: { ...(sampleApplication().applicant as object), idNumber: ID_NUMBER.toLowerCase() },
        }),
      });
      statuses.push(response.status);
      submitted = response.body;
      await act({ type: 'request_supplement', expectedVersion: 1, items: '请补充文号', periodWorkingDays: 15 });
      const supplemented = await t.api(
        'POST',
        `/v1/requests/${submitted.receiptNumber}/supplement?code=${submitted.trackingCode}`,
        { body: { text: `文号为聂政〔2024〕1号；身份证${ID_NUMBER}，电话${PHONE}` } },
      );
      statuses.push(supplemented.status);
      const consulting = await act({
        type: 'start_consultation',
        expectedVersion: 3,
        party: 'third_party',
        name: '张三丰',
      });
      const consultationId = consulting.events.at(-1)?.event.consultationId;
      await act({ type: 'end_consultation', expectedVersion: 4, consultationId });
      await act({ type: 'extend', expectedVersion: 5, workingDays: 10, approver: '王主任' });
      await act({ type: 'issue_fee_notice', expectedVersion: 6, method: 'by_pages', pages: 120 });
      await act({ type: 'fee_paid', expectedVersion: 7 });
      await act({ type: 'reply', expectedVersion: 8, outcome: 'disclosed', summary: `已向${PHONE}短信告知` });
      // A refused request on the way (the handlers log nothing personal for it either).
      statuses.push((await t.api('GET', `/v1/requests/${submitted.receiptNumber}?code=WRONGCODE2`)).status);
      // Emails leave through the outbox after each answer: wait, still capturing, until the reply's has gone too.
      for (let tries = 0; tries < 240; tries++) {
        const sent = await t.emails();
        if (sent.some((e) => e.caseId === submitted?.caseId && e.kind === 'replied')) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    });

    // Assert: the whole case went through, and its log lines were captured.
    expect(statuses).toEqual([201, 200, 200, 200, 200, 200, 200, 200, 200, 404]);
    const entries = lines.flatMap((line) => {
      try {
        return [JSON.parse(line) as { msg?: string; type?: string; requestId?: string; [metric: string]: unknown }];
      } catch {
        return [];
      }
    });
    expect(entries.some((e) => e.msg === 'application registered')).toBe(true);
    expect(entries.filter((e) => e.msg === 'case event recorded').map((e) => e.type)).toEqual([
      'supplement_requested',
      'supplement_received',
      'consultation_started',
      'consultation_ended',
      'extended',
      'fee_notice_sent',
      'fee_paid',
      'replied',
    ]);
    expect(entries.filter((e) => e.msg === 'email sent').length).toBeGreaterThanOrEqual(6);
    // Assert: every line a request wrote names its Lambda request id; the EMF metrics count the application and the
    // reply for the agency (issue 15, Powertools).
    expect(entries.find((e) => e.msg === 'application registered')?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const emf = entries.filter((e) => e._aws !== undefined);
    expect(emf).toContainEqual(expect.objectContaining({ agency: 'niedui-town', ApplicationsReceived: 1 }));
    expect(emf).toContainEqual(expect.objectContaining({ agency: 'niedui-town', Replies: 1 }));
    // Assert: nothing personal in clear, in any line.
    const secrets = [ID_NUMBER, ID_NUMBER.toLowerCase(), PHONE, EMAIL, submitted?.trackingCode ?? 'no code'];
    const leaks = lines.filter((line) => secrets.some((secret) => line.includes(secret)));
    expect(leaks).toEqual([]);
  }, 60_000);
});
