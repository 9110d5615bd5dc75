/**
 * The web front end to end, as people use it: the local system started as `gongkai start` starts it,
 * its pages built with `buildWeb()`, driven through Debian's Chromium. Screenshots go to
 * `artifacts/screenshots/`.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { sampleApplication, sampleCompanyApplication } from '../support/local-system';
import { saveScreenshot, seriousAccessibilityProblems, watchPageProblems } from './browser';
import { useChromiumSession } from './session';
import { PERSON, fillApplication, lookUpStatus, signInToConsole, typedFields } from './pages';

jest.setTimeout(60_000);

const AGENCY = 'niedui-town';

const session = useChromiumSession();

interface WorkListRow {
  caseId: string;
  receiptNumber: string;
}

async function workListReceiptNumbers(): Promise<string[]> {
  const { status, body } = await session.system.api<{ cases: WorkListRow[] }>('GET', `/v1/cases?agencyId=${AGENCY}`, {
    token: session.system.tokens[AGENCY],
  });
  expect(status).toBe(200);
  return body.cases.map((c) => c.receiptNumber);
}

/** Submits the filled form and returns what the receipt shows. */
async function submitAndReadReceipt(): Promise<{ receiptNumber: string; trackingCode: string }> {
  await session.page.getByRole('button', { name: '提交申请' }).click();
  await session.page.locator('#receipt').waitFor();
  return {
    receiptNumber: (await session.page.locator('#receipt-number').textContent()) ?? '',
    trackingCode: (await session.page.locator('#tracking-code').textContent()) ?? '',
  };
}

interface Submitted {
  caseId: string;
  receiptNumber: string;
  trackingCode: string;
}

/** An application submitted straight through the API (the arrangement of tests about later steps). */
async function submitThroughApi(): Promise<Submitted> {
  const { status, body } = await session.system.api<Submitted>('POST', '/v1/requests', { body: sampleApplication() });
  expect(status).toBe(201);
  return body;
}

async function openCaseInConsole(caseId: string): Promise<void> {
  await signInToConsole(session.page, session.system.baseUrl, session.system.tokens[AGENCY] ?? '');
  await session.page.goto(`${session.system.baseUrl}/console.html#/cases/${caseId}`);
  await session.page.locator('#case-title').waitFor();
}

describe('the web front', () => {
  it('takes an application from the form to the reply: receipt, work list, reply disclosed, status replied', async () => {
    // Arrange
    const problems = watchPageProblems(session.page);
    await fillApplication(session.page, session.system.baseUrl, PERSON);
    await saveScreenshot(session.page, 'application-form');

    // Act: the person applies
    const receipt = await submitAndReadReceipt();
    await saveScreenshot(session.page, 'receipt');

    // Assert: the receipt carries the receipt number, the tracking code and the reply due date
    expect(receipt.receiptNumber).not.toBe('');
    expect(receipt.trackingCode).toMatch(/^[23456789A-HJ-NP-Z]{10}$/);
    await expect(session.page.locator('#reply-due').textContent()).resolves.toMatch(/^\d{4}年\d{1,2}月\d{1,2}日/);

    // Act: staff find it in the work list and open it
    await signInToConsole(session.page, session.system.baseUrl, session.system.tokens[AGENCY] ?? '');
    const row = session.page.locator('#work-list tbody tr', { hasText: receipt.receiptNumber });
    await expect(row.count()).resolves.toBe(1);
    await expect(row.locator('.badge').textContent()).resolves.toMatch(/已逾期|5个工作日内到期|正常/);
    await saveScreenshot(session.page, 'work-list');
    await row.getByRole('link', { name: receipt.receiptNumber }).click();
    await session.page.locator('#case-title').waitFor();
    await expect(session.page.locator('#applicant-name').textContent()).resolves.toBe(PERSON.name);
    await session.page.locator('#explanation-title ~ details summary').click();
    await saveScreenshot(session.page, 'case-page');

    // Act: staff reply `disclosed`
    await session.page.locator('details[data-action="reply"] > summary').click();
    const replyForm = session.page.locator('#action-reply-form');
    await replyForm.getByLabel('答复结果').selectOption('disclosed');
    await replyForm.getByLabel('答复内容摘要').fill('予以公开：招标公告和中标结果见附件。');
    await replyForm.getByRole('button', { name: '确认答复' }).click();
    // An irreversible reply asks for a second confirmation before anything is sent.
    await replyForm.getByText('答复后本案即办结').waitFor();
    await replyForm.getByRole('button', { name: '确认提交答复（不可撤回）' }).click();
    await session.page.getByText('已记录：答复').waitFor();

    // Assert: the case is closed for staff, and the applicant's status page shows the reply
    await expect(session.page.locator('#case-status').textContent()).resolves.toBe('已办结');
    await lookUpStatus(session.page, session.system.baseUrl, receipt.receiptNumber, receipt.trackingCode);
    await expect(session.page.locator('#status-label').textContent()).resolves.toBe('已办结');
    await expect(session.page.locator('#status-result').textContent()).resolves.toContain('予以公开');
    await saveScreenshot(session.page, 'status-replied');
    expect(problems).toEqual([]);
  });

  it('shows markup typed into the name and description as text on the receipt, the console and the status page', async () => {
    // Arrange
    const name = '<script>window.__pwned=1</script>王';
    const description = '<img src=x onerror="window.__pwned=2"><script>window.__pwned=3</script>请公开会议纪要';
    await fillApplication(session.page, session.system.baseUrl, { ...PERSON, name, description });

    // Act
    const receipt = await submitAndReadReceipt();
    const onReceipt = await session.page.locator('#receipt').textContent();
    await signInToConsole(session.page, session.system.baseUrl, session.system.tokens[AGENCY] ?? '');
    await session.page.locator('#work-list tbody tr', { hasText: receipt.receiptNumber }).getByRole('link').click();
    await session.page.locator('#case-title').waitFor();
    const nameOnCase = await session.page.locator('#applicant-name').textContent();
    const descriptionOnCase = await session.page.locator('#information-description').textContent();
    const injectedOnConsole = await session.page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: number }).__pwned,
      images: document.querySelectorAll('img').length,
    }));
    await lookUpStatus(session.page, session.system.baseUrl, receipt.receiptNumber, receipt.trackingCode);
    const onStatus = await session.page.locator('#status-result').textContent();
    const injectedOnStatus = await session.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned);

    // Assert
    expect(onReceipt).toContain(name);
    expect(onReceipt).toContain(description);
    expect(nameOnCase).toBe(name);
    expect(descriptionOnCase).toBe(description);
    expect(injectedOnConsole).toEqual({ pwned: undefined, images: 0 });
    expect(onStatus).toContain(description);
    expect(injectedOnStatus).toBeUndefined();
  });

  it('refuses an invalid ID number in the browser, naming the field, keeping what was typed and creating no case', async () => {
    // Arrange
    const before = await workListReceiptNumbers();
    const input = { ...PERSON, idNumber: '110105194912310021' };
    await fillApplication(session.page, session.system.baseUrl, input);

    // Act
    await session.page.getByRole('button', { name: '提交申请' }).click();
    await session.page.locator('.error-summary').waitFor();
    await saveScreenshot(session.page, 'application-form-errors');

    // Assert
    const idNumber = session.page.getByLabel('证件号码');
    await expect(idNumber.getAttribute('aria-invalid')).resolves.toBe('true');
    const messageId = (await idNumber.getAttribute('aria-describedby'))?.split(' ').pop() ?? '';
    await expect(session.page.locator(`#${messageId}`).textContent()).resolves.toContain('申请人身份证号码');
    await expect(session.page.locator('.error-summary').textContent()).resolves.toContain(
      '申请人身份证号码校验位不正确',
    );
    for (const [label, value] of typedFields(input))
      await expect(session.page.getByLabel(label).first().inputValue()).resolves.toBe(value);
    await expect(session.page.locator('#receipt').count()).resolves.toBe(0);
    expect(await workListReceiptNumbers()).toEqual(before);
  });

  it('marks the field the server refuses and keeps what was typed, creating no case', async () => {
    // Arrange: the browser's check passes; the server receives a number it refuses (as from an older page)
    const before = await workListReceiptNumbers();
    await fillApplication(session.page, session.system.baseUrl, PERSON);
    await session.page.route('**/v1/requests', async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as { applicant: { idNumber: string } };
      body.applicant.idNumber = '110105194912310021';
      await route.continue({ postData: JSON.stringify(body) });
    });

    // Act
    await session.page.getByRole('button', { name: '提交申请' }).click();
    await session.page.locator('.error-summary').waitFor();

    // Assert
    await expect(session.page.locator('.error-summary').textContent()).resolves.toContain('申请未被接受');
    await expect(session.page.getByLabel('证件号码').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(session.page.locator('.field-invalid').textContent()).resolves.toContain(
      '申请人身份证号码校验位不正确',
    );
    for (const [label, value] of typedFields(PERSON))
      await expect(session.page.getByLabel(label).first().inputValue()).resolves.toBe(value);
    expect(await workListReceiptNumbers()).toEqual(before);
  });

  it('accepts a phone typed as 138 0013 8000 and stores its digits', async () => {
    // Arrange
    await fillApplication(session.page, session.system.baseUrl, { ...PERSON, phone: '138 0013 8000' });

    // Act
    const receipt = await submitAndReadReceipt();

    // Assert
    const { body } = await session.system.api<{ cases: { receiptNumber: string; match?: string }[] }>(
      'GET',
      `/v1/cases?agencyId=${AGENCY}&q=13800138000`,
      { token: session.system.tokens[AGENCY] },
    );
    expect(receipt.receiptNumber).not.toBe('');
    expect(body.cases).toContainEqual(
      expect.objectContaining({ receiptNumber: receipt.receiptNumber, match: 'phone' }),
    );
  });

  it('asks an organisation on its status page for its business licence, not a person’s ID', async () => {
    // Arrange
    const { status, body: submitted } = await session.system.api<Submitted>('POST', '/v1/requests', {
      body: sampleCompanyApplication(),
    });
    expect(status).toBe(201);

    // Act
    await lookUpStatus(session.page, session.system.baseUrl, submitted.receiptNumber, submitted.trackingCode);
    await session.page.locator('#applicant-upload-form').waitFor();

    // Assert
    const upload = await session.page.locator('#applicant-upload-form').textContent();
    expect(upload).toContain('营业执照');
    expect(upload).not.toContain('身份证明');
    await expect(session.page.getByLabel('附件用途').locator('option').allTextContents()).resolves.toEqual([
      '主体资格证明（营业执照等）',
      '授权委托书',
      '补正材料',
    ]);
  });

  it('switches the applicant fields between a person and an organisation', async () => {
    // Arrange
    await session.page.goto(`${session.system.baseUrl}/`);
    await session.page.getByLabel('姓名').fill('聂堆镇某某农业合作社');

    // Act
    await session.page.getByLabel('商业企业（法人或其他组织）').check();

    // Assert
    await expect(session.page.getByLabel('单位名称').inputValue()).resolves.toBe('聂堆镇某某农业合作社');
    await expect(session.page.getByLabel('统一社会信用代码').count()).resolves.toBe(1);
    await expect(session.page.getByLabel('证件类型').locator('option').allTextContents()).resolves.toEqual([
      '统一社会信用代码',
    ]);
  });
});

describe('the supplement, refused actions and the annual report', () => {
  it('lets the applicant answer a supplement request on the status page, which restarts the reply clock', async () => {
    // Arrange
    const submitted = await submitThroughApi();
    const requested = await session.system.api('POST', `/v1/cases/${submitted.caseId}/actions`, {
      token: session.system.tokens[AGENCY],
      body: {
        type: 'request_supplement',
        expectedVersion: 1,
        items: '请说明所需招标文件对应的路段名称',
        periodWorkingDays: 15,
      },
    });
    expect(requested.status).toBe(200);
    // Typed as applicants do: lower case, without the sequence's leading zeros (the page goes on with the stored number)
    const typed = submitted.receiptNumber.toLowerCase().replace(/-0+(\d+)$/, '-$1');
    expect(typed).not.toBe(submitted.receiptNumber);
    await lookUpStatus(session.page, session.system.baseUrl, typed, submitted.trackingCode);
    expect(new URL(session.page.url()).searchParams.get('r')).toBe(submitted.receiptNumber);
    await expect(session.page.locator('#status-label').textContent()).resolves.toBe('待补正');
    await expect(session.page.locator('#status-result').textContent()).resolves.toContain(
      '请说明所需招标文件对应的路段名称',
    );
    await saveScreenshot(session.page, 'status-supplement');

    // Act
    await session.page.getByLabel('补正说明').fill('所需文件为聂堆镇幸福路（东段）修缮工程的招标公告。');
    await session.page.getByRole('button', { name: '提交补正' }).click();
    await session.page.getByText('补正材料已提交').waitFor();

    // Assert
    await expect(session.page.locator('#status-label').textContent()).resolves.toBe('办理中');
    await expect(session.page.locator('#supplement-form').count()).resolves.toBe(0);
    await expect(session.page.getByRole('table', { name: '已发出的告知' }).textContent()).resolves.toContain(
      '收到补正',
    );
  });

  it("shows the rule's article and message when staff record an action the law does not allow", async () => {
    // Arrange
    const submitted = await submitThroughApi();
    await openCaseInConsole(submitted.caseId);

    // Act: a consultation dated before the application was received (Art. 31)
    await session.page.locator('details[data-action="start_consultation"] > summary').click();
    const form = session.page.locator('#action-start_consultation-form');
    await form.getByLabel('征求意见对象类型').selectOption('third_party');
    await form.getByLabel('征求意见对象名称').fill('某公司');
    await form.getByLabel('发出日期').fill('2020-01-06');
    await form.getByRole('button', { name: '确认征求意见' }).click();
    const refusal = session.page.locator('#action-start_consultation-form .error-summary');
    await refusal.waitFor();

    // Assert: the refusal names the rule; an action the state does not allow is not even offered
    await expect(refusal.textContent()).resolves.toContain('早于收到申请之日');
    await expect(refusal.textContent()).resolves.toContain('依据：条例第三十一条');
    expect(await session.page.locator('details[data-action="supplement_received"]').count()).toBe(0);
    const { body } = await session.system.api<{ case: { version: number } }>('GET', `/v1/cases/${submitted.caseId}`, {
      token: session.system.tokens[AGENCY],
    });
    expect(body.case.version).toBe(1);
  });

  it('registers a paper application in the console and opens its case with the tracking code for the applicant', async () => {
    // Arrange
    await signInToConsole(session.page, session.system.baseUrl, session.system.tokens[AGENCY] ?? '');
    await session.page.goto(`${session.system.baseUrl}/console.html#/register`);
    const form = session.page.locator('#register-form');
    await form.waitFor();

    // Act
    await form.getByLabel('平常信函').check();
    for (const [label, value] of typedFields({ ...PERSON, name: '赵铁柱', email: '' }))
      if (value) await form.getByLabel(label).first().fill(value);
    await form.getByLabel('纸质').check();
    await form.getByLabel('邮寄', { exact: true }).check();
    await form.getByRole('button', { name: '登记申请' }).click();
    await session.page.locator('#case-title').waitFor();

    // Assert
    await expect(session.page.locator('#applicant-name').textContent()).resolves.toBe('赵铁柱');
    await expect(session.page.locator('.notice-success').textContent()).resolves.toMatch(
      /查询码：[23456789A-HJ-NP-Z]{10}/,
    );
    await expect(session.page.locator('#application-title ~ dl').textContent()).resolves.toContain('平常信函');
  });

  it('saves the year data, generates the report, previews it and publishes it', async () => {
    // Arrange
    await signInToConsole(session.page, session.system.baseUrl, session.system.tokens[AGENCY] ?? '');
    await session.page.goto(`${session.system.baseUrl}/console.html#/years/${AGENCY}/2025`);
    const form = session.page.locator('#year-form');
    await form.waitFor();

    // Act: year data
    await form.getByLabel('行政许可本年处理决定数量').fill('69');
    await form.getByLabel('总体情况').fill('2025年，聂堆镇认真贯彻落实《政府信息公开条例》。');
    await form.getByRole('button', { name: '保存年度数据' }).click();
    await session.page.getByText('年度数据已保存').waitFor();

    // Act: report
    await session.page.getByRole('link', { name: '查看年度报告' }).click();
    await session.page.getByRole('button', { name: '生成（更新）报告' }).click();
    await session.page.getByText('报告已生成', { exact: false }).waitFor();
    const frame = session.page.frameLocator('iframe.report-frame');
    await frame.getByText('2025', { exact: false }).first().waitFor();
    await saveScreenshot(session.page, 'annual-report-preview');
    await session.page.getByRole('button', { name: '发布报告' }).click();
    await session.page.getByRole('button', { name: '确认发布' }).click();
    await session.page.locator('#report-messages .notice-success, #report-messages .notice-error').waitFor();

    // Assert
    await expect(session.page.locator('#report-messages').textContent()).resolves.toContain('报告已发布');
    const published = await session.system.api<string>('GET', `/v1/agencies/${AGENCY}/reports/2025?format=md`);
    expect(published.status).toBe(200);
    expect(published.body).toContain('69');
  });

  it('fits a phone screen', async () => {
    // Arrange
    const phone = await session.browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      isMobile: true,
    });
    const phonePage = await phone.newPage();

    // Act
    await phonePage.goto(`${session.system.baseUrl}/`);
    await phonePage.locator('#application-form').waitFor();
    const widths = await phonePage.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
    }));
    await saveScreenshot(phonePage, 'application-form-phone');
    await phone.close();

    // Assert: nothing forces sideways scrolling
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
  });
});

describe('accessibility (axe-core)', () => {
  let axeContext: BrowserContext;
  let axePage: Page;

  beforeEach(async () => {
    // axe is injected as an inline script, which the pages' CSP refuses: only this context bypasses it.
    axeContext = await session.browser.newContext({ bypassCSP: true, locale: 'zh-CN' });
    axePage = await axeContext.newPage();
  });

  afterEach(async () => {
    await axeContext.close();
  });

  it('finds no serious or critical violation on the form, with and without errors', async () => {
    // Arrange
    await fillApplication(axePage, session.system.baseUrl, { ...PERSON, idNumber: '123' });

    // Act
    const blank = await seriousAccessibilityProblems(axePage);
    await axePage.getByRole('button', { name: '提交申请' }).click();
    await axePage.locator('.error-summary').waitFor();
    const withErrors = await seriousAccessibilityProblems(axePage);

    // Assert
    expect(blank).toEqual([]);
    expect(withErrors).toEqual([]);
  });

  it('finds no serious or critical violation on the receipt and the status page', async () => {
    // Arrange
    await fillApplication(axePage, session.system.baseUrl, PERSON);
    await axePage.getByRole('button', { name: '提交申请' }).click();
    await axePage.locator('#receipt').waitFor();
    const receiptNumber = (await axePage.locator('#receipt-number').textContent()) ?? '';
    const trackingCode = (await axePage.locator('#tracking-code').textContent()) ?? '';

    // Act
    const onReceipt = await seriousAccessibilityProblems(axePage);
    await lookUpStatus(axePage, session.system.baseUrl, receiptNumber, trackingCode);
    const onStatus = await seriousAccessibilityProblems(axePage);

    // Assert
    expect(onReceipt).toEqual([]);
    expect(onStatus).toEqual([]);
  });

  it('finds no serious or critical violation in the console: sign-in, work list, case page, registration', async () => {
    // Arrange
    await axePage.goto(`${session.system.baseUrl}/console.html`);
    await axePage.getByLabel('访问令牌').waitFor();

    // Act
    const signIn = await seriousAccessibilityProblems(axePage);
    await signInToConsole(axePage, session.system.baseUrl, session.system.tokens[AGENCY] ?? '');
    const workList = await seriousAccessibilityProblems(axePage);
    await axePage.locator('#work-list tbody a').first().click();
    await axePage.locator('#case-title').waitFor();
    await axePage.locator('details').first().click();
    const casePage = await seriousAccessibilityProblems(axePage);
    await axePage.goto(`${session.system.baseUrl}/console.html#/register`);
    await axePage.locator('#register-form').waitFor();
    const register = await seriousAccessibilityProblems(axePage);

    // Assert
    expect({ signIn, workList, casePage, register }).toEqual({ signIn: [], workList: [], casePage: [], register: [] });
  });
});

describe('published annual reports (issue 16)', () => {
  beforeAll(async () => {
    // 西华县 publishes its 2024 report (the year is over on the system clock), to be found by the public.
    const token = session.system.tokens['xihua-county'];
    const put = await session.system.api('PUT', '/v1/agencies/xihua-county/years/2024', {
      token,
      body: {
        activeDisclosure: {
          regulations: { issued: 0, repealed: 0, inForce: 0 },
          normativeDocuments: { issued: 1, repealed: 0, inForce: 1 },
          licensingDecisions: 69,
          penaltyDecisions: 0,
          enforcementDecisions: 0,
          feesCollectedTenThousandYuan: 0,
        },
        reviewAndLitigation: Object.fromEntries(
          ['review', 'litigationDirect', 'litigationAfterReview'].map((k) => [
            k,
            { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
          ]),
        ),
        narrative: {
          overview:
            '2024年，西华县人民政府办公室认真贯彻落实《中华人民共和国政府信息公开条例》，政府信息公开工作稳步推进。',
          problems: '政务公开工作队伍建设还需加强。',
          other: '',
        },
      },
    });
    expect(put.status).toBe(200);
    const published = await session.system.api('POST', '/v1/agencies/xihua-county/reports/2024/publish', { token });
    expect(published.status).toBe(200);
  });

  it('lists the published reports on a public page linked from the form page', async () => {
    // Act
    await session.page.goto(`${session.system.baseUrl}/`);
    await session.page.getByRole('link', { name: '年度报告' }).click();
    await session.page.locator('.report-agency').first().waitFor();
    await saveScreenshot(session.page, 'published-reports');

    // Assert
    const title = session.page.getByRole('link', { name: '西华县人民政府办公室2024年政府信息公开工作年度报告' });
    await expect(title.count()).resolves.toBe(1);
    await title.click();
    await session.page.waitForURL(/reports\/2024\?format=html/);
    await expect(session.page.locator('h1').textContent()).resolves.toBe(
      '西华县人民政府办公室2024年政府信息公开工作年度报告',
    );
  });

  it('fits the published HTML report on a phone (390 px) without sideways scrolling, headings of 三 and 四 once', async () => {
    // Arrange
    const phone = await session.browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      isMobile: true,
    });
    const phonePage = await phone.newPage();

    // Act
    await phonePage.goto(`${session.system.baseUrl}/v1/agencies/xihua-county/reports/2024?format=html`);
    await phonePage.locator('table.section4').waitFor();
    const measured = await phonePage.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
      // No table scrolls inside its frame either: every table fits.
      tables: Array.from(document.querySelectorAll('.table-wrap')).map((w) => w.scrollWidth - w.clientWidth),
      headings: Array.from(document.querySelectorAll('h2, caption')).map((e) => e.textContent ?? ''),
    }));
    await saveScreenshot(phonePage, 'annual-report-phone');
    await phone.close();

    // Assert
    expect(measured.page).toBeLessThanOrEqual(measured.viewport);
    expect(measured.tables.every((overflow) => overflow <= 0)).toBe(true);
    for (const heading of ['三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况'])
      expect(measured.headings.filter((text) => text.includes(heading))).toHaveLength(1);
  });
});
