/**
 * The appeals panel (复议诉讼) on the case page of the console (design.md §9 "The desk: Appeals", issue #14): an
 * officer registers an administrative review of a replied case, is told in the browser which field is missing,
 * records the review's result once, and the case's appeals are listed as the API stores them. Debian's Chromium;
 * screenshots go to `artifacts/screenshots/`.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildWeb } from '../../web/build';
import { sampleApplication, startTestSystem, type TestSystem } from '../support/local-system';
import { launchChromium, saveScreenshot, seriousAccessibilityProblems, watchPageProblems } from './browser';
import { signInToConsole } from './pages';

jest.setTimeout(90_000);

const AGENCY = 'niedui-town';

let system: TestSystem;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: string[];

beforeAll(async () => {
  await buildWeb();
  system = await startTestSystem();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

beforeEach(async () => {
  context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 }, bypassCSP: false });
  page = await context.newPage();
  problems = watchPageProblems(page);
});

afterEach(async () => {
  expect(problems).toEqual([]);
  await context.close();
});

/** An online application replied today through the API: its id and the day (Asia/Shanghai) of both. */
async function repliedToday(): Promise<{ caseId: string; today: string }> {
  const submitted = await system.api<{ caseId: string; receivedOn: string }>('POST', '/v1/requests', {
    body: sampleApplication(),
  });
  expect(submitted.status).toBe(201);
  const { caseId, receivedOn } = submitted.body;
  const token = system.tokens[AGENCY];
  const view = await system.api<{ case: { version: number } }>('GET', `/v1/cases/${caseId}`, { token });
  const replied = await system.api('POST', `/v1/cases/${caseId}/actions`, {
    token,
    body: {
      type: 'reply',
      expectedVersion: view.body.case.version,
      outcome: 'disclosed',
      repliedOn: receivedOn,
      summary: '予以公开',
    },
  });
  expect(replied.status).toBe(200);
  return { caseId, today: receivedOn };
}

describe('the appeals panel of the case page', () => {
  it('registers a review, names the missing field first, records its result once, and lists it', async () => {
    // Arrange
    const { caseId, today } = await repliedToday();
    await signInToConsole(page, system.baseUrl, system.tokens[AGENCY] ?? '');
    await page.goto(`${system.baseUrl}/console.html#/cases/${caseId}`);
    await page.locator('#appeals-empty').waitFor();

    // Act: the form without a forum, then complete.
    await page.locator('#appeal-add summary').click();
    await page.locator('#appeal-file-kind').selectOption('review');
    await page.locator('#appeal-file-filedOn').fill(today);
    await page.getByRole('button', { name: '确认登记', exact: true }).click();
    const missing = await page.locator('#appeal-file .error-summary').innerText();
    await page.locator('#appeal-file-forum').fill('西华县人民政府');
    await page.getByRole('button', { name: '确认登记', exact: true }).click();
    const row = page.locator('#appeals-table tbody tr');
    await row.first().waitFor();
    const filedRow = await row.first().innerText();

    await page.locator('[data-appeal-result] summary').click();
    await page.locator('[data-appeal-result] select').selectOption('corrected');
    await page.locator('[data-appeal-result] input[type="date"]').fill(today);
    await page.getByRole('button', { name: '确认登记结果' }).click();
    await page.locator('#appeals-table tbody tr[data-status="decided"]').waitFor();
    await saveScreenshot(page, 'console-appeals');

    // Assert
    expect(missing).toContain('复议机关或人民法院不能为空');
    expect(filedRow).toContain('行政复议');
    expect(filedRow).toContain('西华县人民政府');
    expect(filedRow).toContain('尚未审结');
    expect(await row.first().innerText()).toContain('结果纠正');
    expect(await page.locator('#appeals-flash').innerText()).toContain('已登记审结结果');
    expect(await page.locator('[data-appeal-result]').count()).toBe(0);
    const stored = await system.api<{ kind: string; result?: string; decidedOn?: string }[]>(
      'GET',
      `/v1/cases/${caseId}/appeals`,
      { token: system.tokens[AGENCY] },
    );
    expect(stored.body).toEqual([expect.objectContaining({ kind: 'review', result: 'corrected', decidedOn: today })]);
  });

  it('finds no serious or critical accessibility violation in the panel with its forms open', async () => {
    const axeContext = await browser.newContext({ locale: 'zh-CN', bypassCSP: true });
    const axePage = await axeContext.newPage();
    const { caseId } = await repliedToday();
    await signInToConsole(axePage, system.baseUrl, system.tokens[AGENCY] ?? '');
    await axePage.goto(`${system.baseUrl}/console.html#/cases/${caseId}`);
    await axePage.locator('#appeals-empty').waitFor();
    await axePage.locator('#appeal-add summary').click();

    const found = await seriousAccessibilityProblems(axePage);

    await axeContext.close();
    expect(found).toEqual([]);
  });
});
