/**
 * The case file in Chromium (issue #12, acceptance 5): the officer registers a paper application, prints the
 * 登记回执 (screenshot of the print view), attaches the scanned application, replies with an attached file; the
 * applicant, with the tracking code from the 登记回执, sees the reply's file on the status page and downloads the
 * very bytes that were uploaded. Screenshots go to `artifacts/screenshots/`.
 */
import { readFile } from 'node:fs/promises';
import { sampleApplication } from '../support/local-system';
import { saveScreenshot, seriousAccessibilityProblems, watchPageProblems } from './browser';
import { useChromiumSession } from './session';
import { PERSON, fillApplication, lookUpStatus, signInToConsole, typedFields } from './pages';

const AGENCY = 'niedui-town';

/** A small but real PDF (its first bytes are `%PDF-`), as a scanner would make. */
const SCAN = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);
/** The disclosed information: a PDF with bytes beyond ASCII, so a byte-for-byte comparison means something. */
const DISCLOSED = Buffer.concat([
  Buffer.from('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n', 'latin1'),
  Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 256)),
  Buffer.from('\n%%EOF\n', 'latin1'),
]);

/** A photographed ID card: JPEG's first bytes, then data. */
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  Buffer.alloc(50_000, 0x5a),
  Buffer.from([0xff, 0xd9]),
]);

const session = useChromiumSession({ contextOptions: { acceptDownloads: true } });

/** Uploads one file through an upload form of the page and waits for its outcome row. */
async function upload(formId: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<string> {
  const form = session.page.locator(`#${formId}-form`);
  await form.locator('input[type="file"]').setInputFiles(file);
  await form.getByRole('button', { name: '上传' }).click();
  const row = form.locator('.upload-row', { hasText: file.name });
  await row.and(session.page.locator('[data-state]')).waitFor();
  return (await row.getAttribute('data-state')) ?? '';
}

describe('the case file in the browser (issue #12)', () => {
  it('registers a paper application, prints the 登记回执, attaches a scan, replies with a file the applicant downloads', async () => {
    const problems = watchPageProblems(session.page);

    // Act: the officer registers an application handed in at the counter
    await signInToConsole(session.page, session.system.baseUrl, session.system.tokens[AGENCY] ?? '');
    await session.page.goto(`${session.system.baseUrl}/console.html#/register`);
    const form = session.page.locator('#register-form');
    await form.waitFor();
    await form.getByLabel('当面', { exact: true }).check();
    for (const [label, value] of typedFields({ ...PERSON, name: '王建国', email: '' }))
      if (value) await form.getByLabel(label).first().fill(value);
    await form.getByLabel('纸质').check();
    await form.getByLabel('邮寄', { exact: true }).check();
    await form.getByRole('button', { name: '登记申请' }).click();
    await session.page.locator('#registration-handover').waitFor();
    const flash = (await session.page.locator('.notice-success').first().textContent()) ?? '';
    const receiptNumber = /受理编号 ([A-Z]+-\d{4}-\d+)/.exec(flash)?.[1] ?? '';
    const trackingCode = (await session.page.locator('.notice-success strong.code').textContent()) ?? '';
    expect(trackingCode).toMatch(/^[23456789A-HJ-NP-Z]{10}$/);

    // Act: print the 登记回执
    const [printView] = await Promise.all([
      session.context.waitForEvent('page'),
      session.page.getByRole('button', { name: '打印登记回执' }).click(),
    ]);
    await printView.waitForLoadState('load');
    await saveScreenshot(printView, 'registration-receipt-print');
    const printed = (await printView.locator('body').textContent()) ?? '';
    const pageSize = await printView.evaluate(() =>
      Array.from(document.styleSheets)
        .flatMap((s) => Array.from(s.cssRules))
        .some((r) => /^@page\b[^}]*\bsize: A4\b/i.test(r.cssText)),
    );
    await printView.close();

    // Assert: the 登记回执 carries the receipt number and the tracking code, on A4
    expect(printed).toContain(receiptNumber);
    expect(printed).toContain(trackingCode);
    expect(pageSize).toBe(true);

    // Act: attach the scanned application, and a file that claims to be a PDF but is not
    const scan = await upload('scan-upload', { name: '申请书扫描件.pdf', mimeType: 'application/pdf', buffer: SCAN });
    const fake = await upload('scan-upload', {
      name: '伪装.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('not a pdf at all'),
    });

    // Assert: the scan is in the 附件 panel; the fake one was removed and the officer told so
    expect([scan, fake]).toEqual(['done', 'failed']);
    await expect(session.page.locator('#scan-upload-results').textContent()).resolves.toContain(
      '文件内容与类型不符，已删除',
    );
    const attachments = session.page.locator('#attachments-table');
    await attachments.locator('tr', { hasText: '申请书扫描件.pdf' }).waitFor();
    await expect(attachments.locator('tr', { hasText: '伪装.pdf' }).count()).resolves.toBe(0);

    // Act: reply, disclosing a file uploaded with the reply
    await session.page.locator('details[data-action="reply"] > summary').click();
    const replied = await upload('reply-upload', {
      name: '招标公告和中标结果.pdf',
      mimeType: 'application/pdf',
      buffer: DISCLOSED,
    });
    expect(replied).toBe('done');
    await expect(
      session.page.locator('#reply-upload-results progress').evaluate((p: HTMLProgressElement) => p.value),
    ).resolves.toBe(DISCLOSED.length);
    const replyForm = session.page.locator('#action-reply-form');
    await replyForm.getByLabel('答复结果').selectOption('disclosed');
    await replyForm.getByLabel('答复内容摘要').fill('予以公开：招标公告和中标结果见附件。');
    await replyForm.getByRole('button', { name: '确认答复' }).click();
    await replyForm.getByText('答复后本案即办结').waitFor();
    // The confirmation names the files the applicant will download with the reply.
    await replyForm.locator('#reply-files-summary', { hasText: '招标公告和中标结果.pdf' }).waitFor();
    await replyForm.getByRole('button', { name: '确认提交答复（不可撤回）' }).click();
    await session.page.getByText('已记录：答复').waitFor();

    // Act: record that the reply letter was posted
    const replyRow = session.page.locator('#documents-table tr[data-kind="reply"]');
    await replyRow.waitFor();
    await replyRow.locator('summary', { hasText: '记录送达' }).click();
    await replyRow.getByLabel('送达方式').selectOption('post');
    await replyRow.getByLabel('邮件单号').fill('EMS1234567890');
    await replyRow.getByRole('button', { name: '记录送达' }).click();
    await session.page.getByText('已记录送达').waitFor();

    // Assert: the case page lists the documents with how the reply was served, and the files
    await expect(
      session.page.locator('#documents-table tr[data-kind="reply"] .doc-service').textContent(),
    ).resolves.toContain('邮寄送达（单号 EMS1234567890）');
    await expect(session.page.locator('#documents-table tr[data-kind="receipt"]').count()).resolves.toBe(1);
    await session.page.locator('#attachments-table tr', { hasText: '招标公告和中标结果.pdf' }).waitFor();
    await saveScreenshot(session.page, 'case-file-panels');
    const [replyView] = await Promise.all([
      session.context.waitForEvent('page'),
      replyRow.getByRole('button', { name: /^打印/ }).click(),
    ]);
    await replyView.waitForLoadState('load');
    const replyLetter = (await replyView.locator('h1').textContent()) ?? '';
    await replyView.close();
    expect(replyLetter).toBe('政府信息公开申请答复书');

    // Act: the applicant follows the case with the 登记回执's tracking code and downloads the disclosed file
    const applicant = await session.browser.newContext({ locale: 'zh-CN', acceptDownloads: true });
    const status = await applicant.newPage();
    const statusProblems = watchPageProblems(status);
    await lookUpStatus(status, session.system.baseUrl, receiptNumber, trackingCode);
    const file = status.locator('#applicant-attachments-table tr', { hasText: '招标公告和中标结果.pdf' });
    await file.waitFor();
    await status.locator('#applicant-documents-table tr[data-kind="reply"]').waitFor();
    await saveScreenshot(status, 'status-case-files');
    const [download] = await Promise.all([status.waitForEvent('download'), file.getByRole('button').click()]);
    const bytes = await readFile((await download.path()) ?? '');
    const [letter] = await Promise.all([
      status.waitForEvent('download'),
      status.locator('#applicant-documents-table tr[data-kind="reply"] button[data-format="docx"]').click(),
    ]);
    const letterBytes = await readFile((await letter.path()) ?? '');
    const listed = (await status.locator('#applicant-attachments-table').textContent()) ?? '';
    await applicant.close();

    // Assert: the downloaded file is the uploaded one, byte for byte; the reply letter is a Word file; the scan
    // (not marked for the applicant) is not offered; nothing on either page broke
    expect(bytes.equals(DISCLOSED)).toBe(true);
    expect(download.suggestedFilename()).toBe('招标公告和中标结果.pdf');
    expect(letterBytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(listed).not.toContain('申请书扫描件.pdf');
    expect(problems).toEqual([]);
    expect(statusProblems).toEqual([]);
  });

  it('lets an online applicant upload proof of identity from the receipt page, then find it on the status page', async () => {
    const problems = watchPageProblems(session.page);

    // Arrange: the person applies online
    await fillApplication(session.page, session.system.baseUrl, { ...PERSON, name: '张秀兰' });
    await session.page.getByRole('button', { name: '提交申请' }).click();
    await session.page.locator('#receipt').waitFor();
    const receiptNumber = (await session.page.locator('#receipt-number').textContent()) ?? '';
    const trackingCode = (await session.page.locator('#tracking-code').textContent()) ?? '';

    // Act: upload the ID card scan from the receipt page
    await session.page.locator('#applicant-documents-table tr[data-kind="receipt"]').waitFor();
    const state = await upload('applicant-upload', { name: '身份证.jpg', mimeType: 'image/jpeg', buffer: JPEG });
    await session.page.locator('#applicant-attachments-table tr', { hasText: '身份证.jpg' }).waitFor();
    await saveScreenshot(session.page, 'receipt-case-files');

    // Act: a 21 MB scan (made in the page: no need to send 21 MB to the browser) is refused before any byte moves
    const uploadForm = session.page.locator('#applicant-upload-form');
    await uploadForm.locator('input[type="file"]').evaluate((input: HTMLInputElement) => {
      const files = new DataTransfer();
      files.items.add(new File([new Uint8Array(21 * 1024 * 1024)], '太大.pdf', { type: 'application/pdf' }));
      input.files = files.files;
    });
    await uploadForm.getByRole('button', { name: '上传' }).click();
    const bigRow = uploadForm.locator('.upload-row', { hasText: '太大.pdf' });
    await bigRow.and(session.page.locator('[data-state]')).waitFor();
    const big = await bigRow.getAttribute('data-state');
    const refusal = (await session.page.locator('#applicant-upload-results').textContent()) ?? '';

    // Act: later, on the status page
    await lookUpStatus(session.page, session.system.baseUrl, receiptNumber, trackingCode);
    await session.page.locator('#applicant-attachments-table tr', { hasText: '身份证.jpg' }).waitFor();
    const [download] = await Promise.all([
      session.page.waitForEvent('download'),
      session.page.getByRole('button', { name: '下载 身份证.jpg' }).click(),
    ]);
    const bytes = await readFile((await download.path()) ?? '');

    // Assert: uploaded, listed on both pages as the applicant's identity proof, downloaded byte for byte
    expect(state).toBe('done');
    expect(big).toBe('failed');
    expect(refusal).toContain('文件过大（21MB），每个文件不得超过20MB，未上传');
    await expect(
      session.page.locator('#applicant-attachments-table tr', { hasText: '身份证.jpg' }).textContent(),
    ).resolves.toContain('身份证明');
    expect(bytes.equals(JPEG)).toBe(true);
    expect(problems).toEqual([]);
  });

  it('finds no serious or critical accessibility violation in the 文书 and 附件 panels and the status page files', async () => {
    // Arrange: a case with its receipt and a file for the applicant, made through the API
    const token = session.system.tokens[AGENCY] ?? '';
    const submitted = await session.system.api<{ caseId: string; receiptNumber: string; trackingCode: string }>(
      'POST',
      '/v1/requests',
      { body: sampleApplication() },
    );
    const { caseId, receiptNumber, trackingCode } = submitted.body;
    const ticket = await session.system.api<{
      attachmentId: string;
      uploadUrl: string;
      uploadHeaders: Record<string, string>;
    }>('POST', `/v1/cases/${caseId}/attachments`, {
      token,
      body: {
        fileName: '材料.pdf',
        contentType: 'application/pdf',
        size: SCAN.length,
        purpose: 'other',
        forApplicant: true,
      },
    });
    await fetch(ticket.body.uploadUrl, {
      method: 'PUT',
      headers: ticket.body.uploadHeaders,
      body: new Uint8Array(SCAN),
    });
    const completed = await session.system.api(
      'POST',
      `/v1/cases/${caseId}/attachments/${ticket.body.attachmentId}/complete`,
      {
        token,
      },
    );
    expect(completed.status).toBe(200);
    // axe is injected as an inline script, which the pages' policy rightly refuses.
    const axeContext = await session.browser.newContext({ locale: 'zh-CN', bypassCSP: true });
    const axePage = await axeContext.newPage();

    // Act
    await signInToConsole(axePage, session.system.baseUrl, token);
    await axePage.goto(`${session.system.baseUrl}/console.html#/cases/${caseId}`);
    await axePage.locator('#documents-table').waitFor();
    await axePage.locator('#attachments-table').waitFor();
    await axePage.locator('#documents-table details summary').first().click();
    await axePage.locator('#attachments details summary').click();
    const casePage = await seriousAccessibilityProblems(axePage);
    await lookUpStatus(axePage, session.system.baseUrl, receiptNumber, trackingCode);
    await axePage.locator('#applicant-attachments-table').waitFor();
    await axePage.locator('#applicant-documents-table').waitFor();
    const statusPage = await seriousAccessibilityProblems(axePage);
    await axeContext.close();

    // Assert
    expect({ casePage, statusPage }).toEqual({ casePage: [], statusPage: [] });
  });
});
