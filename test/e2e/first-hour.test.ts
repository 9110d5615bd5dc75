/**
 * A newcomer's first hour in the browser (issue 13): the case page shows what the applicant wrote in a
 * supplement; the report preview says 已发布 as soon as it is published; download buttons only once there is
 * a report; and no page logs an error to the console (no CSP refusal, no missing favicon).
 */
import type { ConsoleMessage, Page } from 'playwright-core';
import { sampleApplication } from '../support/local-system';
import { saveScreenshot } from './browser';
import { useChromiumSession } from './session';
import { lookUpStatus, signInToConsole } from './pages';

jest.setTimeout(90_000);

const AGENCY = 'niedui-town';
const SUPPLEMENT = '所需文件为聂堆镇幸福路（东段）修缮工程的招标公告。';

/** The year's figures of design.md §5 (sections 二 and 四 and the narrative). */
const YEAR_DATA = {
  activeDisclosure: {
    regulations: { issued: 0, repealed: 0, inForce: 0 },
    normativeDocuments: { issued: 1, repealed: 0, inForce: 1 },
    licensingDecisions: 69,
    penaltyDecisions: 0,
    enforcementDecisions: 0,
    feesCollectedTenThousandYuan: 0,
  },
  reviewAndLitigation: {
    review: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
    litigationDirect: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
    litigationAfterReview: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
  },
  narrative: { overview: '2025年，聂堆镇认真贯彻落实《政府信息公开条例》。', problems: '', other: '' },
};

const session = useChromiumSession({
  onPage: (page) => {
    consoleErrors = [];
    watchConsole(page);
  },
});
/** Every console error and page error of the test's page, with the URL it came from. */
let consoleErrors: string[];

/**
 * The requests whose 404 the pages expect and explain to the user in words (nothing stored yet): the year data
 * before it is first saved, the report and its revisions before it is first generated. Chromium logs any 404 as a console error.
 */
const EXPECTED_NOT_FOUND = [
  /\/v1\/agencies\/[^/]+\/years\/\d{4}$/,
  /\/v1\/agencies\/[^/]+\/reports\/\d{4}\?format=html$/,
  /\/v1\/agencies\/[^/]+\/reports\/\d{4}\/revisions$/,
];

function watchConsole(target: Page): void {
  target.on('pageerror', (error) => consoleErrors.push(`page error: ${error.message}`));
  target.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') return;
    const url = message.location().url;
    if (/status of 404/.test(message.text()) && EXPECTED_NOT_FOUND.some((re) => re.test(url))) return;
    consoleErrors.push(`${message.text()} (${url || target.url()})`);
  });
}

interface Submitted {
  caseId: string;
  receiptNumber: string;
  trackingCode: string;
}

/** An application whose applicant has answered a request to supplement, through the public API. */
async function supplementedCase(): Promise<Submitted> {
  const submitted = await session.system.api<Submitted>('POST', '/v1/requests', { body: sampleApplication() });
  expect(submitted.status).toBe(201);
  const { caseId, receiptNumber, trackingCode } = submitted.body;
  const requested = await session.system.api('POST', `/v1/cases/${caseId}/actions`, {
    token: session.system.tokens[AGENCY],
    body: {
      type: 'request_supplement',
      expectedVersion: 1,
      items: '请说明所需招标文件对应的路段名称。',
      periodWorkingDays: 15,
    },
  });
  expect(requested.status).toBe(200);
  const supplemented = await session.system.api(
    'POST',
    `/v1/requests/${encodeURIComponent(receiptNumber)}/supplement?code=${trackingCode}`,
    { body: { text: SUPPLEMENT } },
  );
  expect(supplemented.status).toBe(200);
  return submitted.body;
}

describe("the console's case page", () => {
  it("shows what the applicant wrote in the supplement, and the event log without doubled punctuation or the case's version", async () => {
    // Arrange
    const { caseId } = await supplementedCase();

    // Act
    await signInToConsole(session.page, session.system.baseUrl, session.system.tokens[AGENCY] ?? '');
    await session.page.goto(`${session.system.baseUrl}/console.html#/cases/${caseId}`);
    await session.page.locator('#supplements').waitFor();
    await saveScreenshot(session.page, 'console-case-supplement');

    // Assert
    await expect(session.page.locator('#supplements').textContent()).resolves.toContain(SUPPLEMENT);
    const events = (await session.page.locator('#events').textContent()) ?? '';
    expect(events).toContain('补正事项：请说明所需招标文件对应的路段名称');
    expect(events).not.toMatch(/[。．.][；;]/);
    await expect(session.page.locator('main').textContent()).resolves.not.toContain('案件版本');
    expect(consoleErrors).toEqual([]);
  });
});

describe('the annual report page', () => {
  it('offers downloads only once a report exists and shows 已发布 right after publishing, without a reload', async () => {
    // Arrange: the year's figures entered (a report without them cannot be published)
    const saved = await session.system.api('PUT', `/v1/agencies/${AGENCY}/years/2025`, {
      token: session.system.tokens[AGENCY],
      body: YEAR_DATA,
    });
    expect(saved.status).toBe(200);
    await signInToConsole(session.page, session.system.baseUrl, session.system.tokens[AGENCY] ?? '');
    await session.page.goto(`${session.system.baseUrl}/console.html#/reports/${AGENCY}/2025`);
    await session.page.getByText('尚未生成本年度报告').waitFor();
    const downloadsBefore = await session.page.locator('#report-downloads').isVisible();

    // Act: generate, then publish
    await session.page.getByRole('button', { name: '生成（更新）报告' }).click();
    await session.page.locator('#report-state').waitFor();
    const stateAfterGenerate = await session.page.locator('#report-state').textContent();
    const downloadsAfter = await session.page.locator('#report-downloads').isVisible();
    await session.page.evaluate(() => ((window as unknown as { samePage: boolean }).samePage = true));
    await session.page.getByRole('button', { name: '发布报告' }).click();
    await session.page.getByRole('button', { name: '确认发布' }).click();
    await session.page.getByText('报告已发布').waitFor();
    await session.page.locator('#report-state', { hasText: '已发布' }).waitFor();
    await saveScreenshot(session.page, 'annual-report-published');

    // Assert
    expect(downloadsBefore).toBe(false);
    expect(stateAfterGenerate).toContain('草稿（未发布）');
    expect(downloadsAfter).toBe(true);
    await expect(session.page.locator('#report-state').textContent()).resolves.toBe('当前状态：已发布');
    await expect(session.page.frameLocator('iframe.report-frame').locator('body').textContent()).resolves.not.toContain(
      '草稿',
    );
    await expect(session.page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).resolves.toBe(
      true,
    );
    expect(consoleErrors).toEqual([]);
  });
});

describe('every page', () => {
  it('logs no console error: form, receipt, status page, console pages and the local mail page', async () => {
    // Arrange
    const submitted = await supplementedCase();

    // Act: the public pages
    await session.page.goto(`${session.system.baseUrl}/`);
    await session.page.getByLabel('受理机关').waitFor();
    await lookUpStatus(session.page, session.system.baseUrl, submitted.receiptNumber, submitted.trackingCode);
    // the console, page by page
    await signInToConsole(session.page, session.system.baseUrl, session.system.tokens[AGENCY] ?? '');
    for (const route of [
      `#/cases/${submitted.caseId}`,
      '#/register',
      `#/years/${AGENCY}/2024`,
      `#/reports/${AGENCY}/2024`,
    ]) {
      await session.page.goto(`${session.system.baseUrl}/console.html${route}`);
      await session.page.locator('main h1').first().waitFor();
      await session.page.waitForLoadState('networkidle');
    }
    // the local mail page, signed in with the administrator's token
    await session.page.goto(`${session.system.baseUrl}/_local/mail`);
    await session.page.getByLabel('管理员令牌').fill(session.system.tokens['*'] ?? '');
    await session.page.getByRole('button', { name: '登录' }).click();
    await session.page.locator('#mail-count').waitFor();
    await session.page.locator('.mail-item summary').first().click();
    await saveScreenshot(session.page, 'local-mail');

    // Assert
    await expect(session.page.locator('h1').textContent()).resolves.toBe('本地邮件');
    await expect(session.page.locator('.mail-list').textContent()).resolves.toContain(submitted.receiptNumber);
    expect(consoleErrors).toEqual([]);
  });
});
