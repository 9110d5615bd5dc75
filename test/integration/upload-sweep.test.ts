import { loadHandler } from '../../local/template';
import { sampleApplication, startTestSystem, type TestSystem } from '../support/local-system';
import { announceAndPut, type UploadTicket } from '../support/uploads';

/**
 * Uploads never completed (design.md §9 Attachments: only completed, checked files exist): the reconcile job
 * (daily in AWS, locally at start, daily and every few minutes) removes an upload announced over an hour ago whose
 * uploader never called `complete` — the object in the case-files bucket and its record — and leaves a completed
 * one and a recent one alone.
 */
describe('the sweep of uploads never completed', () => {
  let t: TestSystem;
  let tracker: (event: unknown, context: unknown) => Promise<unknown>;
  beforeAll(async () => {
    t = await startTestSystem({ virtualClock: '2025-03-03T10:00:00+08:00' });
    // Loaded after the system has set the handlers' environment, as the local Step Functions loads it.
    tracker = await loadHandler('functions/deadline-tracker/handler.ts#handler');
  }, 60_000);
  afterAll(() => t?.stop());

  const PDF = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1');

  it('removes the upload left uncompleted for over an hour, object and record, and keeps the others', async () => {
    // Arrange: a case with an abandoned upload (bytes sent, never completed) and a completed one
    const token = t.tokens['niedui-town'] ?? '';
    const submitted = await t.api<{ caseId: string }>('POST', '/v1/requests', { body: sampleApplication() });
    const caseId = submitted.body.caseId;
    const announce = (fileName: string): Promise<UploadTicket> =>
      announceAndPut(
        t,
        `/v1/cases/${caseId}/attachments`,
        { fileName, contentType: 'application/pdf', size: PDF.length, purpose: 'reply', forApplicant: true },
        PDF,
        token,
      );
    const abandoned = await announce('未完成.pdf');
    const completed = await announce('已完成.pdf');
    const complete = (ticket: UploadTicket) =>
      t.api('POST', `/v1/cases/${caseId}/attachments/${ticket.attachmentId}/complete`, { token });
    expect((await complete(completed)).status).toBe(200);
    await t.advanceTo('2025-03-03T10:50:00+08:00');
    const tooEarly = (await tracker({ task: 'reconcile' }, {} as never)) as { staleUploadsRemoved: number };
    await t.advanceTo('2025-03-03T11:30:00+08:00');

    // Act
    const result = (await tracker({ task: 'reconcile' }, {} as never)) as { staleUploadsRemoved: number };

    // Assert: within the hour nothing was removed; after it, the abandoned upload is gone from the bucket and can
    // no longer be completed, and the completed file is still listed and downloadable
    expect(tooEarly.staleUploadsRemoved).toBe(0);
    expect(result.staleUploadsRemoved).toBe(1);
    expect((await fetch(abandoned.uploadUrl.replace(/\?.*$/, ''))).status).toBe(404);
    expect((await complete(abandoned)).status).toBe(404);
    const listed = await t.api<{ fileName: string }[]>('GET', `/v1/cases/${caseId}/attachments`, { token });
    expect(listed.body.map((a) => a.fileName)).toEqual(['已完成.pdf']);
    expect((await fetch(completed.uploadUrl.replace(/\?.*$/, ''))).status).toBe(200);
  });
});
