/**
 * The appeals panel (复议诉讼) on the case page of the console (design.md §9 "The desk: Appeals", issue #14): an
 * officer registers an administrative review of a replied case, is told in the browser which field is missing,
 * records the review's result once, and the case's appeals are listed as the API stores them. Debian's Chromium;
 * screenshots go to `artifacts/screenshots/`.
 */
import { sampleApplication } from '../support/local-system';
import { saveScreenshot, seriousAccessibilityProblems } from './browser';
import { useChromiumSession } from './session';
import { signInToConsole } from './pages';

jest.setTimeout(90_000);

const AGENCY = 'niedui-town';

const session = useChromiumSession({ failOnPageProblems: true });

/** An online application replied today through the API: its id and the day (Asia/Shanghai) of both. */
async function repliedToday(): Promise<{ caseId: string; today: string }> {
  const submitted = await session.system.api<{ caseId: string; receivedOn: string }>('POST', '/v1/requests', {
    body: sampleApplication(),
  });
  expect(submitted.status).toBe(201);
  const { caseId, receivedOn } = submitted.body;
  const token = session.system.tokens[AGENCY];
  const view = await session.system.api<{ case: { version: number } }>('GET', `/v1/cases/${caseId}`, { token });
  const replied = await session.system.api('POST', `/v1/cases/${caseId}/actions`, {
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
    await signInToConsole(session.page, session.system.baseUrl, session.system.tokens[AGENCY] ?? '');
    await session.page.goto(`${session.system.baseUrl}/console.html#/cases/${caseId}`);
    await session.page.locator('#appeals-empty').waitFor();

    // Act: the form without a forum, then complete.
    await session.page.locator('#appeal-add summary').click();
    await session.page.locator('#appeal-file-kind').selectOption('review');
    await session.page.locator('#appeal-file-filedOn').fill(today);
    await session.page.getByRole('button', { name: '确认登记', exact: true }).click();
    const missing = await session.page.locator('#appeal-file .error-summary').innerText();
    await session.page.locator('#appeal-file-forum').fill('西华县人民政府');
    await session.page.getByRole('button', { name: '确认登记', exact: true }).click();
    const row = session.page.locator('#appeals-table tbody tr');
    await row.first().waitFor();
    const filedRow = await row.first().innerText();

    await session.page.locator('[data-appeal-result] summary').click();
    await session.page.locator('[data-appeal-result] select').selectOption('corrected');
    await session.page.locator('[data-appeal-result] input[type="date"]').fill(today);
    await session.page.getByRole('button', { name: '确认登记结果' }).click();
    await session.page.locator('#appeals-table tbody tr[data-status="decided"]').waitFor();
    await saveScreenshot(session.page, 'console-appeals');

    // Assert
    expect(missing).toContain('复议机关或人民法院不能为空');
    expect(filedRow).toContain('行政复议');
    expect(filedRow).toContain('西华县人民政府');
    expect(filedRow).toContain('尚未审结');
    expect(await row.first().innerText()).toContain('结果纠正');
    expect(await session.page.locator('#appeals-flash').innerText()).toContain('已登记审结结果');
    expect(await session.page.locator('[data-appeal-result]').count()).toBe(0);
    const stored = await session.system.api<{ kind: string; result?: string; decidedOn?: string }[]>(
      'GET',
      `/v1/cases/${caseId}/appeals`,
      { token: session.system.tokens[AGENCY] },
    );
    expect(stored.body).toEqual([expect.objectContaining({ kind: 'review', result: 'corrected', decidedOn: today })]);
  });

  it('corrects a wrongly recorded result with 更正, with its reason, and shows the correction', async () => {
    // Arrange: a review whose result was recorded as 结果维持 by mistake.
    const { caseId, today } = await repliedToday();
    const token = session.system.tokens[AGENCY];
    const filed = await session.system.api<{ appealId: string }>('POST', `/v1/cases/${caseId}/appeals`, {
      token,
      body: { kind: 'review', forum: '西华县人民政府', filedOn: today },
    });
    await session.system.api('POST', `/v1/cases/${caseId}/appeals/${filed.body.appealId}/result`, {
      token,
      body: { result: 'upheld', decidedOn: today },
    });
    await signInToConsole(session.page, session.system.baseUrl, token ?? '');
    await session.page.goto(`${session.system.baseUrl}/console.html#/cases/${caseId}`);
    const correction = session.page.locator('[data-appeal-correction]');
    await correction.waitFor();

    // Act: first without a reason, then with one.
    await correction.locator('summary').click();
    await correction.locator('select[data-field="result"]').selectOption('corrected');
    await session.page.getByRole('button', { name: '确认更正' }).click();
    const missing = await correction.locator('.error-summary').innerText();
    await correction.locator('textarea[data-field="reason"]').fill('录入错误：复议决定为撤销原答复');
    await session.page.getByRole('button', { name: '确认更正' }).click();
    await session.page.locator('#appeals-flash').getByText('已更正复议诉讼记录').waitFor();
    await saveScreenshot(session.page, 'console-appeal-correction');

    // Assert
    expect(missing).toContain('更正原因');
    const row = await session.page.locator('#appeals-table tbody tr').first().innerText();
    expect(row).toContain('结果纠正');
    expect(row).toContain('已更正1次');
    const stored = await session.system.api<{ result?: string; corrections?: { reason: string }[] }[]>(
      'GET',
      `/v1/cases/${caseId}/appeals`,
      { token },
    );
    expect(stored.body).toEqual([
      expect.objectContaining({
        result: 'corrected',
        corrections: [expect.objectContaining({ reason: '录入错误：复议决定为撤销原答复' })],
      }),
    ]);
  });

  it('finds no serious or critical accessibility violation in the panel with its forms open', async () => {
    const axeContext = await session.browser.newContext({ locale: 'zh-CN', bypassCSP: true });
    const axePage = await axeContext.newPage();
    const { caseId } = await repliedToday();
    await signInToConsole(axePage, session.system.baseUrl, session.system.tokens[AGENCY] ?? '');
    await axePage.goto(`${session.system.baseUrl}/console.html#/cases/${caseId}`);
    await axePage.locator('#appeals-empty').waitFor();
    await axePage.locator('#appeal-add summary').click();

    const found = await seriousAccessibilityProblems(axePage);

    await axeContext.close();
    expect(found).toEqual([]);
  });
});
