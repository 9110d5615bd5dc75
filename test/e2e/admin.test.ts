/**
 * The console's administration page in Chromium (issue 15): an administrator enters the 2027 holiday notice and
 * sees which open case moved; an agency with a bad email is refused with the field marked.
 */
import type { Browser } from 'playwright-core';
import { buildWeb } from '../../web/build';
import { sampleApplication, startTestSystem, type TestSystem } from '../support/local-system';
import { launchChromium, watchPageProblems } from './browser';
import { signInToConsole } from './pages';

jest.setTimeout(90_000);

let system: TestSystem;
let browser: Browser;

beforeAll(async () => {
  await buildWeb();
  system = await startTestSystem({ virtualClock: '2026-12-10T10:00:00+08:00' });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

it('enters a year notice and lists the case whose reply date moved; refuses a bad agency email naming the field', async () => {
  // Arrange: an open case due in January 2027 (provisional).
  const applied = await system.api<{ receiptNumber: string }>('POST', '/v1/requests', { body: sampleApplication() });
  const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  const problems = watchPageProblems(page);
  await signInToConsole(page, system.baseUrl, system.adminToken);

  // Act: the calendar form.
  await page.getByRole('link', { name: '系统管理' }).click();
  await page.locator('#calendar-form').waitFor();
  await page.getByLabel('年份').fill('2027');
  await page.getByLabel('国务院通知文号').fill('国办发明电〔2026〕99号');
  await page.getByLabel('通知发布日期').fill('2026-12-15');
  await page.getByLabel('放假日期').fill('2027-01-01\n2027-01-04\n2027-01-05');
  await page.getByLabel('调休上班日期').fill('2027-01-09');
  await page.getByRole('button', { name: '保存节假日安排' }).click();
  await page.locator('#moved-cases').waitFor();

  // Assert
  const row = page.locator('#moved-cases tbody tr', { hasText: applied.body.receiptNumber });
  await expect(row.locator('td').nth(2).textContent()).resolves.toBe('2027-01-11');
  await expect(row.locator('td').nth(1).textContent()).resolves.toContain('暂定');

  // Act: an agency with a bad office email.
  await page.locator('#agency-agencyId').fill('new-town');
  await page.locator('#agency-name').fill('新镇人民政府');
  await page.locator('#agency-receiptPrefix').fill('XZ');
  await page.locator('#agency-letterPrefix').fill('新政公开');
  await page.locator('#agency-officeEmail').fill('not-an-email');
  await page.locator('#agency-headEmail').fill('head@new.example.gov.cn');
  await page.locator('#agency-reviewOrgan').fill('西华县人民政府');
  await page.locator('#agency-court').fill('西华县人民法院');
  await page.locator('#agency-address').fill('河南省周口市西华县新镇1号');
  await page.locator('#agency-phone').fill('0394-2000000');
  await page.getByRole('button', { name: '保存机关' }).click();

  // Assert
  await page.locator('[data-path="officeEmail"] .field-error').waitFor();
  await expect(page.locator('[data-path="officeEmail"] .field-error').textContent()).resolves.toContain(
    '政府信息公开工作机构邮箱格式不正确',
  );
  expect(problems).toEqual([]);
});
