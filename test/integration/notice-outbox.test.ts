import { loadHandler } from '../../local/template';
import { fingerprintOf } from '../../functions/shared/client-token';
import { makeCaseRepository } from '../../functions/shared/store/case-repository';
import { caseScope, makeOutboxRepository } from '../../functions/shared/store/outbox-repository';
import type { LocalEmail } from '../../local/runtime';
import { sampleApplication, startTestSystem, type TestSystem } from '../support/local-system';

/**
 * Faults against the local servers (issue #10): the notice outbox delivers every notice once after an SES
 * outage and after a sender died holding a claim; client tokens heal; every receipt number drawn is a case
 * or a recorded void. Under a virtual clock, so reminders fire on clock steps.
 */

interface Submitted {
  caseId: string;
  receiptNumber: string;
  trackingCode?: string;
  trackingCodeSentByEmail?: boolean;
  trackingCodeDelivery?: string;
  trackingCodeNote?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a value (generous: the machine may be loaded), else fails with `what`. */
async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(250);
  }
}

/** How many emails went out per outbox notice (`<scope>/<key>`). */
const perNotice = (emails: LocalEmail[]) => {
  const counts = new Map<string, number>();
  for (const email of emails) if (email.notice) counts.set(email.notice, (counts.get(email.notice) ?? 0) + 1);
  return counts;
};

describe('notice outbox and idempotency under faults', () => {
  let t: TestSystem;
  const officer = () => t.tokens['niedui-town'];
  const repositories = () => ({
    cases: makeCaseRepository(t.system.clients.document, t.system.tableName),
    outbox: makeOutboxRepository(t.system.clients.document, t.system.tableName),
  });

  beforeAll(async () => {
    t = await startTestSystem({ virtualClock: '2024-09-27T10:00:00+08:00' });
  }, 90_000);
  afterAll(async () => {
    await t?.system.faults.sesUp();
    await t?.stop();
  });

  const submitted: Submitted[] = [];
  const tokenBody = sampleApplication({ clientToken: 'outbox-fault-token-0001' });

  it('answers submissions while SES is down and delivers every acknowledgement, office notice and reminder exactly once after it returns', async () => {
    // Arrange: SES stops answering.
    await t.system.faults.sesDown();

    // Act: four submissions (one with a client token, replayed), then the clock passes the 5-day reminder.
    for (const body of [tokenBody, sampleApplication(), sampleApplication(), sampleApplication()]) {
      const { status, body: answer } = await t.api<Submitted>('POST', '/v1/requests', { body });
      expect(status).toBe(201);
      submitted.push(answer);
    }
    const replayWhileDown = await t.api<Submitted>('POST', '/v1/requests', { body: tokenBody });
    const step = await t.api<{ now: string; pendingNotices?: number }>('PUT', '/_local/clock', {
      body: { now: '2024-10-23T12:00:00+08:00' },
      token: t.tokens['*'],
    });
    await t.system.faults.sesUp();

    // Assert: the step answered with the notices still pending; nothing was lost.
    expect(step.status).toBe(200);
    expect(step.body.pendingNotices).toBeGreaterThan(0);
    expect(replayWhileDown).toMatchObject({
      status: 200,
      body: { caseId: submitted[0]?.caseId, trackingCodeSentByEmail: true, trackingCodeDelivery: 'queued' },
    });
    expect(replayWhileDown.body.trackingCode).toBeUndefined();
    // Per case, the acknowledgement and the office's notice; the 5-day reminder of every case goes in the office's
    // one digest of 23 October (design.md §9 reminder digests, issue #11).
    const kinds = ['acknowledgement', 'new_application'];
    const digestsOn = (all: LocalEmail[], day: string) =>
      all.filter((e) => e.kind === 'office_digest' && e.time.slice(0, 10) === day);
    const emails = await eventually('every notice after SES returned', async () => {
      const all = await t.emails();
      const complete =
        submitted.every((s) => kinds.every((kind) => all.some((e) => e.caseId === s.caseId && e.kind === kind))) &&
        digestsOn(all, '2024-10-23').length > 0;
      return complete ? all : undefined;
    });
    for (const s of submitted)
      for (const kind of kinds) expect(emails.filter((e) => e.caseId === s.caseId && e.kind === kind)).toHaveLength(1);
    const digest = digestsOn(emails, '2024-10-23');
    expect(digest).toHaveLength(1);
    for (const s of submitted) expect(digest[0]?.text).toContain(`/cases/${s.caseId}`);
    expect([...perNotice(emails).values()].every((n) => n === 1)).toBe(true);
    const ack = emails.find((e) => e.caseId === submitted[0]?.caseId && e.kind === 'acknowledgement');
    expect(ack?.text).toContain(submitted[0]?.trackingCode);

    // The daily digest survived the outage: the next one goes out on the next step, once, naming every case.
    await t.advanceTo('2024-10-29T12:00:00+08:00');
    const later = await t.emails();
    const dayBefore = digestsOn(later, '2024-10-29');
    expect(dayBefore).toHaveLength(1);
    for (const s of submitted) expect(dayBefore[0]?.text).toContain(`/cases/${s.caseId}`);
    expect([...perNotice(later).values()].every((n) => n === 1)).toBe(true);

    // A replay now says the acknowledgement was sent, to a masked address.
    const replay = await t.api<Submitted>('POST', '/v1/requests', { body: tokenBody });
    expect(replay.body).toMatchObject({ trackingCodeSentByEmail: true, trackingCodeDelivery: 'sent' });
    expect(replay.body.trackingCodeNote).toContain('z***@example.cn');
  }, 180_000);

  it('sends a notice once after its lease runs out when the sender that claimed it died before sending', async () => {
    // Arrange: a notice recorded for a case, then claimed by a sender that never sends or confirms.
    const { outbox } = repositories();
    const caseId = submitted[1]?.caseId ?? '';
    const scope = caseScope(caseId);
    const notice = {
      key: 'crash_test:1',
      kind: 'crash_test',
      to: 'zhangsan@example.cn',
      caseId,
      content: { subject: '测试通知', text: '测试', html: '<p>测试</p>' },
    };
    expect(await outbox.enqueue(scope, notice, { now: new Date().toISOString(), realMs: Date.now() })).toBe(true);
    expect(await outbox.claim(scope, notice.key, 'sender-that-died', Date.now(), 1_500)).toBeDefined();

    // Act: a delivery while the lease holds sends nothing; after it, the sweeper sends it.
    await t.system.drainOutbox();
    const whileHeld = (await t.emails()).filter((e) => e.notice === `${scope}/${notice.key}`);
    const sent = await eventually('the notice after its lease', async () => {
      const found = (await t.emails()).filter((e) => e.notice === `${scope}/${notice.key}`);
      return found.length ? found : undefined;
    });
    await t.system.drainOutbox();

    // Assert
    expect(whileHeld).toHaveLength(0);
    expect(sent).toHaveLength(1);
    expect((await t.emails()).filter((e) => e.notice === `${scope}/${notice.key}`)).toHaveLength(1);
    const stored = await outbox.get(scope, notice.key);
    expect(stored).toMatchObject({ state: 'sent', attempts: 2 });
    expect(stored?.content).toBeUndefined();
    expect(await outbox.enqueue(scope, notice, { now: new Date().toISOString(), realMs: Date.now() })).toBe(false);
  }, 90_000);

  it('refuses the same client token with another body, naming the field, and changes nothing', async () => {
    const before = (await t.api<{ cases: unknown[] }>('GET', '/v1/cases?agencyId=niedui-town', { token: officer() }))
      .body.cases.length;
    const other = { ...tokenBody, applicant: { ...(tokenBody.applicant as object), name: '李四' } };

    const { status, body } = await t.api<{ error: { code: string; message: string; fields: { path: string }[] } }>(
      'POST',
      '/v1/requests',
      { body: other },
    );

    expect(status).toBe(409);
    expect(body.error.code).toBe('client_token_reused');
    expect(body.error.message).toContain('申请人姓名');
    expect(body.error.fields).toEqual([expect.objectContaining({ path: 'applicant.name' })]);
    const after = (await t.api<{ cases: unknown[] }>('GET', '/v1/cases?agencyId=niedui-town', { token: officer() }))
      .body.cases.length;
    expect(after).toBe(before);
  }, 60_000);

  it('takes over a client token orphaned by a request that died before writing its case, and the submission goes through', async () => {
    // Arrange: the token is held (lease 1.5 s) for a case that is never written.
    const { cases } = repositories();
    const token = 'orphaned-token-0001';
    const body = sampleApplication({ clientToken: token });
    const claim = await cases.claimClientToken(
      'niedui-town',
      token,
      { caseId: 'orphan-case-0001', fingerprint: fingerprintOf(token, body as never) },
      { realMs: Date.now(), leaseMs: 1_500 },
    );
    expect(claim.held).toBe(true);

    // Act
    const first = await t.api<Submitted>('POST', '/v1/requests', { body });
    const retry = await t.api<Submitted>('POST', '/v1/requests', { body });

    // Assert: created under the case id bound to the token; the retry replays it.
    expect(first.status).toBe(201);
    expect(first.body.caseId).toBe('orphan-case-0001');
    expect(first.body.trackingCode).toMatch(/\S/);
    expect(retry).toMatchObject({
      status: 200,
      body: { caseId: 'orphan-case-0001', receiptNumber: first.body.receiptNumber },
    });
  }, 60_000);

  it('records a receipt number whose request died as void at the reconcile, and staff see every number accounted for', async () => {
    // Arrange: a number drawn by a request that died before writing its case.
    const { cases } = repositories();
    const lost = await cases.nextReceiptSequence('niedui-town', 2024);
    const tracker = await loadHandler('functions/deadline-tracker/handler.ts#handler');

    // Act: the reconcile, told that nothing drawn before now is still in flight.
    await tracker({ task: 'reconcile', drawnBefore: new Date(Date.now() + 1000).toISOString() }, {});
    const { status, body } = await t.api<{
      drawn: number;
      voids: { sequence: number; receiptNumber: string; reason: string; reasonLabel: string }[];
    }>('GET', '/v1/agencies/niedui-town/receipt-voids?year=2024', { token: officer() });

    // Assert
    expect(status).toBe(200);
    expect(body.voids).toEqual([
      expect.objectContaining({
        sequence: lost,
        receiptNumber: `NDZ-2024-${String(lost).padStart(6, '0')}`,
        reason: 'request_died',
        reasonLabel: expect.stringContaining('未生成案件'),
      }),
    ]);
    const list = await t.api<{ cases: { receiptNumber: string }[] }>('GET', '/v1/cases?agencyId=niedui-town', {
      token: officer(),
    });
    const accounted = [
      ...list.body.cases.map((c) => Number(c.receiptNumber.slice(-6))),
      ...body.voids.map((v) => v.sequence),
    ].sort((a, b) => a - b);
    expect(accounted).toEqual(Array.from({ length: body.drawn }, (_, i) => i + 1));
  }, 90_000);

  it('refuses a receipt-voids query without a valid year (400 naming it) and another agency (403)', async () => {
    const bad = await t.api<{ error: { message: string } }>('GET', '/v1/agencies/niedui-town/receipt-voids?year=24', {
      token: officer(),
    });
    const other = await t.api('GET', '/v1/agencies/xihua-county/receipt-voids?year=2024', { token: officer() });

    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('年度');
    expect(other.status).toBe(403);
  }, 30_000);
});
