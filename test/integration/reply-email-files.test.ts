/**
 * The reply by email carries what the agency provides (newcomer trial, 2026-12-06: the 答复书 said the information
 * was sent by email while the email held only the letter). Staff attach the disclosed files to the case for the
 * applicant; the reply email carries the 答复书 and those files (read back from the local SES as MIME parts, byte
 * for byte), and its text names them and the status page. Files over the email budget are left to the status page.
 */
import { REPLY_EMAIL_FILES_BUDGET_BYTES, replyEmailFiles } from '../../functions/shared/domain/attachments';
import { sampleApplication, startTestSystem, type TestSystem } from '../support/local-system';
import { announceAndPut } from '../support/uploads';

const DISCLOSED = Buffer.concat([
  Buffer.from('%PDF-1.7\n'),
  Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 31) % 256)),
  Buffer.from('\n%%EOF\n'),
]);

interface SesEmail {
  destination: { to: string[] };
  subject?: string;
  body?: { text?: string; html?: string };
  headers?: { name: string; value: string }[];
  attachments?: { filename: string; contentType: string; content: string }[];
}

describe('the reply email carries the files provided to the applicant', () => {
  let t: TestSystem;
  beforeAll(async () => {
    t = await startTestSystem();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('attaches the 答复书 and the disclosed PDF, byte for byte, and says so in its text', async () => {
    // Arrange: an online application; staff upload the disclosed file for the applicant.
    const token = t.tokens['niedui-town'] ?? '';
    const submitted = await t.api<{ caseId: string }>('POST', '/v1/requests', { body: sampleApplication() });
    expect(submitted.status).toBe(201);
    const { caseId } = submitted.body;
    const ticket = await announceAndPut(
      t,
      `/v1/cases/${caseId}/attachments`,
      {
        fileName: '2023年道路工程招标文件.pdf',
        contentType: 'application/pdf',
        size: DISCLOSED.length,
        purpose: 'reply',
        forApplicant: true,
      },
      DISCLOSED,
      token,
    );
    const completed = await t.api('POST', `/v1/cases/${caseId}/attachments/${ticket.attachmentId}/complete`, {
      token,
    });
    expect(completed.status).toBe(200);
    const view = await t.api<{ case: { version: number } }>('GET', `/v1/cases/${caseId}`, { token });

    // Act
    const replied = await t.api('POST', `/v1/cases/${caseId}/actions`, {
      token,
      body: { type: 'reply', expectedVersion: view.body.case.version, outcome: 'disclosed', summary: '予以公开' },
    });
    expect(replied.status).toBe(200);

    // Assert: the reply email, once the outbox has sent it.
    let reply: SesEmail | undefined;
    for (let i = 0; i < 120 && !reply; i++) {
      const store = (await (await fetch(`${t.system.urls.ses}/store`)).json()) as { emails: SesEmail[] };
      reply = store.emails.find(
        (e) =>
          e.headers?.some((h) => h.name === 'X-Gongkai-Case' && h.value === caseId) &&
          (e.attachments ?? []).some((a) => a.filename === '政府信息公开申请答复书.docx'),
      );
      if (!reply) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(reply).toBeDefined();
    const files = new Map((reply?.attachments ?? []).map((a) => [a.filename, Buffer.from(a.content, 'base64')]));
    expect([...files.keys()].sort()).toEqual(['2023年道路工程招标文件.pdf', '政府信息公开申请答复书.docx'].sort());
    expect(files.get('2023年道路工程招标文件.pdf')?.equals(DISCLOSED)).toBe(true);
    const text = reply?.body?.text ?? '';
    expect(text).toContain('《政府信息公开申请答复书》见本邮件附件');
    expect(text).toContain('本机关向您提供的信息见本邮件附件：2023年道路工程招标文件.pdf');
    // The local mail list names the attachments too, and its page numbers the emails from their count down.
    const local = await t.api<{ caseId?: string; attachments?: { fileName: string; size: number }[] }[]>(
      'GET',
      '/_local/emails',
      { token: t.tokens['*'] ?? '' },
    );
    const listed = local.body.find((e) => e.caseId === caseId && e.attachments?.length === 2);
    expect(listed?.attachments?.find((a) => a.fileName.endsWith('.pdf'))?.size).toBe(DISCLOSED.length);
    const page = await fetch(`${t.baseUrl}/_local/mail`, { headers: { authorization: `Bearer ${t.tokens['*']}` } });
    const html = await page.text();
    expect(html).toContain('附件：');
    expect(html).toContain(`value="${local.body.length}"`);
  });
});

describe('replyEmailFiles', () => {
  it.each([
    ['all fit', [3, 3, 3], [0, 1, 2], []],
    ['one over the budget goes to the status page, later small ones still travel', [6, 6, 1], [0, 2], [1]],
    ['a single file larger than the budget', [11], [], [0]],
  ])('%s', (_why, megabytes, attached, onStatusPage) => {
    const files = megabytes.map((mb, index) => ({ index, size: mb * 1024 * 1024 }));
    const split = replyEmailFiles(files, REPLY_EMAIL_FILES_BUDGET_BYTES);
    expect(split.attached.map((f) => f.index)).toEqual(attached);
    expect(split.onStatusPage.map((f) => f.index)).toEqual(onStatusPage);
  });
});
