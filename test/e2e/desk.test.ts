/**
 * The officer's desk in the console, as officers and the head use it (design.md §9 "The desk"; issue #14
 * acceptance 5): search by name and by receipt number, assignment and "my cases", an internal note absent
 * from the applicant's status page, the head approving an extension an officer requested, the ledger button
 * downloading a real Excel workbook; the closed list with outcome and reply date, only the actions the case's
 * state allows, the reply's second confirmation, and possible repeat applications (重复申请). Debian's Chromium;
 * screenshots go to `artifacts/screenshots/`.
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { LEDGER_COLUMNS } from '../../functions/shared/domain/ledger';
import { sampleApplication, sampleCompanyApplication } from '../support/local-system';
import { saveScreenshot, seriousAccessibilityProblems, watchPageProblems } from './browser';
import { useChromiumSession } from './session';
import { lookUpStatus, signInToConsole } from './pages';

jest.setTimeout(90_000);

const AGENCY = 'niedui-town';
const OFFICER = 'staff@niedui-town';

const session = useChromiumSession({ contextOptions: { acceptDownloads: true }, failOnPageProblems: true });

interface Submitted {
  caseId: string;
  receiptNumber: string;
  trackingCode: string;
}
interface StaffView {
  case: { caseId: string; version: number; status: string; desk?: { assignee?: string } };
  events: { actor: string; event: { type: string; approver?: string } }[];
  allowedActions: string[];
}

/** An online application of a person with this name and description, straight through the API. */
async function submit(name: string, description: string, idNumber?: string): Promise<Submitted> {
  const base = sampleApplication();
  const { status, body } = await session.system.api<Submitted>('POST', '/v1/requests', {
    body: {
      ...base,
      applicant: { ...(base.applicant as object), name, ...(idNumber ? { idNumber } : {}) },
      information: { description },
    },
  });
  expect(status).toBe(201);
  return body;
}

const staffView = async (caseId: string, token = session.system.tokens[AGENCY]) => {
  const { status, body } = await session.system.api<StaffView>('GET', `/v1/cases/${caseId}`, { token });
  expect(status).toBe(200);
  return body;
};

/** Polls `probe` until it returns a value (generous: the machine may be loaded), else fails naming `what`. */
async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Staff ask the applicant to supplement (Art. 30), 15 working days, through the API. */
async function requestSupplement(caseId: string, items: string): Promise<void> {
  const before = await staffView(caseId);
  const requested = await session.system.api('POST', `/v1/cases/${caseId}/actions`, {
    token: session.system.tokens[AGENCY],
    body: { type: 'request_supplement', expectedVersion: before.case.version, items, periodWorkingDays: 15 },
  });
  expect(requested.status).toBe(200);
}

async function openCase(caseId: string): Promise<void> {
  await session.page.goto(`${session.system.baseUrl}/console.html#/cases/${caseId}`);
  await session.page.locator('#case-title').waitFor();
}

/** Opens an action's form on the case page, fills it and submits it; waits for the page to say it was recorded. */
async function act(type: string, label: string, fill: (form: ReturnType<Page['locator']>) => Promise<void>) {
  await session.page.locator(`details[data-action="${type}"] > summary`).click();
  const form = session.page.locator(`#action-${type}-form`);
  await fill(form);
  await form.getByRole('button', { name: `确认${label}` }).click();
  await session.page.getByText(`已记录：${label}`).waitFor();
}

describe('the desk in the console', () => {
  it('finds a case by the applicant’s name and by its receipt number from the search box', async () => {
    // Arrange
    const wanted = await submit('欧阳明月', '请公开聂堆镇2024年低保户名单的公示情况');
    await submit('司马青山', '请公开聂堆镇2024年秸秆禁烧补贴发放情况');
    await signInToConsole(session.page, session.system.baseUrl, session.system.tokens[AGENCY] ?? '');

    // Act: by name
    await session.page.getByLabel('查找案件').fill('欧阳明月');
    await session.page.getByRole('button', { name: '查找', exact: true }).click();
    await session.page.getByRole('heading', { name: '查找结果' }).waitFor();
    const byName = session.page.locator('#work-list tbody tr');
    await saveScreenshot(session.page, 'desk-search-name');
    const nameRows = await byName.allTextContents();

    // Act: by receipt number (lower case, as typed on the phone)
    await session.page.getByLabel('查找案件').fill(wanted.receiptNumber.toLowerCase());
    await session.page.getByRole('button', { name: '查找', exact: true }).click();
    await session.page.locator('#work-list caption', { hasText: wanted.receiptNumber.toLowerCase() }).waitFor();
    const numberRows = await session.page.locator('#work-list tbody tr').allTextContents();

    // Assert
    expect(nameRows).toHaveLength(1);
    expect(nameRows[0]).toContain(wanted.receiptNumber);
    expect(nameRows[0]).toContain('姓名相同');
    expect(nameRows[0]).not.toContain('欧阳明月'); // the list shows the masked name only
    expect(numberRows).toHaveLength(1);
    expect(numberRows[0]).toContain('受理编号相同');
    await session.page.locator('#work-list tbody').getByRole('link', { name: wanted.receiptNumber }).click();
    await session.page.locator('#case-title').waitFor();
    await expect(session.page.locator('#applicant-name').textContent()).resolves.toBe('欧阳明月');
  });

  it('shows an organisation’s name in full and finds it by a word of its name from the search box', async () => {
    // Arrange: a company's application (法人或者其他组织: its name is no personal information).
    const { status, body: company } = await session.system.api<Submitted>('POST', '/v1/requests', {
      body: sampleCompanyApplication({ information: { description: '请公开聂堆镇2024年建材市场整治方案' } }),
    });
    expect(status).toBe(201);
    await signInToConsole(session.page, session.system.baseUrl, session.system.tokens[AGENCY] ?? '');
    const listed = await session.page.locator('#work-list tbody tr', { hasText: company.receiptNumber }).textContent();

    // Act
    await session.page.getByLabel('查找案件').fill('华夏建材');
    await session.page.getByRole('button', { name: '查找', exact: true }).click();
    await session.page.locator('#work-list caption', { hasText: '华夏建材' }).waitFor();
    const rows = await session.page.locator('#work-list tbody tr').allTextContents();
    await saveScreenshot(session.page, 'desk-search-organisation');

    // Assert
    expect(listed).toContain('西华县华夏建材有限公司');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(company.receiptNumber);
    expect(rows[0]).toContain('西华县华夏建材有限公司');
    expect(rows[0]).toContain('单位名称含检索词');
  });

  it('assigns a case, lists it under 只看我的案件, and keeps an internal note off the applicant’s status page', async () => {
    // Arrange
    const submitted = await submit('诸葛文', '请公开聂堆镇2024年村级公益事业一事一议项目清单');
    const note = '申请人来电，已告知正在调取档案（内部备注，不得对外）';
    await signInToConsole(session.page, session.system.baseUrl, session.system.tokens[AGENCY] ?? '');
    await openCase(submitted.caseId);

    // Act
    await act('assign', '分配承办人', (form) => form.getByLabel('承办人').fill(OFFICER));
    await act('add_note', '添加内部备注', (form) => form.getByLabel('备注内容').fill(note));
    await saveScreenshot(session.page, 'desk-assigned-noted');
    const deskPanel = await session.page.locator('#desk').textContent();
    await session.page.goto(`${session.system.baseUrl}/console.html#/`);
    await session.page.locator('#work-list').waitFor();
    await session.page.getByLabel('只看我的案件').check();
    await session.page.locator('#work-list caption').waitFor();
    await session.page.locator('#work-list tbody tr', { hasText: submitted.receiptNumber }).waitFor();
    const mine = await session.page.locator('#work-list tbody tr').allTextContents();
    await lookUpStatus(session.page, session.system.baseUrl, submitted.receiptNumber, submitted.trackingCode);
    const statusPage = (await session.page.locator('body').textContent()) ?? '';

    // Assert
    expect(deskPanel).toContain(OFFICER);
    expect(deskPanel).toContain(note);
    expect(mine.some((row) => row.includes(submitted.receiptNumber) && row.includes(OFFICER))).toBe(true);
    expect(mine.every((row) => row.includes(OFFICER))).toBe(true);
    expect(statusPage).toContain(submitted.receiptNumber);
    expect(statusPage).not.toContain(note);
    expect(statusPage).not.toContain('内部备注');
    expect(statusPage).not.toContain(OFFICER);
    expect((await staffView(submitted.caseId)).case.desk?.assignee).toBe(OFFICER);
  });

  it('lets the head approve, in the console, an extension an officer requested there', async () => {
    // Arrange: the officer requests the extension
    const submitted = await submit('上官红', '请公开聂堆镇2019年至2024年土地征收补偿安置方案');
    await signInToConsole(session.page, session.system.baseUrl, session.system.tokens[AGENCY] ?? '');
    await openCase(submitted.caseId);
    await act('request_extension', '申请延期（报负责人审批）', async (form) => {
      await form.getByLabel('延长的工作日数').fill('15');
      await form.getByLabel('延期理由').fill('需调取2019年以来的档案，工作量较大');
    });
    // The officer sees it pending and is offered neither a second request nor the decision.
    const pendingOnDesk = await session.page.locator('#desk').textContent();
    const officerForms = await session.page
      .locator('details[data-action]')
      .evaluateAll((all) => all.map((d) => d.getAttribute('data-action')));

    // Act: the head signs in (own browser session), finds it among the pending requests and approves
    const headContext = await session.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const head = await headContext.newPage();
    const headProblems = watchPageProblems(head);
    await signInToConsole(head, session.system.baseUrl, session.system.headTokens[AGENCY] ?? '');
    const waitingForHead = head.getByRole('status').filter({ hasText: '延期申请等待您批准' });
    await waitingForHead.waitFor();
    const waitingText = await waitingForHead.textContent();
    await head.getByRole('button', { name: '查看待批准的延期申请' }).click();
    const pendingRow = head.locator('#work-list tbody tr', { hasText: submitted.receiptNumber });
    await pendingRow.waitFor();
    const pendingText = await pendingRow.textContent();
    await pendingRow.getByRole('link', { name: submitted.receiptNumber }).click();
    await head.locator('#case-title').waitFor();
    await head.locator('details[data-action="approve_extension"] > summary').click();
    const form = head.locator('#action-approve_extension-form');
    await form.getByRole('button', { name: '确认批准延期' }).click();
    await head.getByText('已记录：批准延期').waitFor();
    await saveScreenshot(head, 'desk-head-approved');
    const events = await head.locator('#events').textContent();
    await headContext.close();

    // Assert
    expect(pendingOnDesk).toContain('待审批延期');
    expect(pendingOnDesk).toContain('15个工作日：需调取2019年以来的档案，工作量较大');
    expect(officerForms).not.toContain('request_extension');
    expect(officerForms).not.toContain('approve_extension');
    expect(officerForms).toContain('reply');
    expect(waitingText).toMatch(/\d+件延期申请等待您批准/);
    expect(waitingText).toContain('第三十三条第二款');
    expect(await session.page.getByText('延期申请等待您批准').count()).toBe(0); // the officer is not asked
    expect(pendingText).toContain('延期待批准');
    expect(events).toContain('延期答复');
    expect(events).toContain(`批准人：${OFFICER}:head`);
    const after = await staffView(submitted.caseId);
    expect(after.events.at(-1)?.event).toMatchObject({ type: 'extended', approver: `${OFFICER}:head` });
    expect(headProblems).toEqual([]);
  });

  it('lets the head open the request from the email’s link and reject it with a reason', async () => {
    // Arrange: the officer requests; the head's email arrives with the link
    const submitted = await submit('夏侯明', '请公开聂堆镇2020年以来的宅基地审批台账');
    await signInToConsole(session.page, session.system.baseUrl, session.system.tokens[AGENCY] ?? '');
    await openCase(submitted.caseId);
    await act('request_extension', '申请延期（报负责人审批）', async (form) => {
      await form.getByLabel('延长的工作日数').fill('10');
      await form.getByLabel('延期理由').fill('需向自然资源所调取资料');
    });
    const mail = await eventually('the head’s email', async () =>
      (await session.system.emails()).find((e) => e.kind === 'extension_requested' && e.caseId === submitted.caseId),
    );
    const link = /https?:\/\/\S+#\/cases\/[\w-]+/.exec(mail.text)?.[0] ?? '';

    // Act: the head follows the link (own browser session) and rejects
    const headContext = await session.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const head = await headContext.newPage();
    const headProblems = watchPageProblems(head);
    await signInToConsole(head, session.system.baseUrl, session.system.headTokens[AGENCY] ?? '');
    await head.goto(link);
    await head.locator('#case-title', { hasText: submitted.receiptNumber }).waitFor();
    await head.locator('details[data-action="reject_extension"] > summary').click();
    const form = head.locator('#action-reject_extension-form');
    await form.getByLabel('不批准的理由').fill('可在法定期限内答复');
    await form.getByRole('button', { name: '确认不批准延期' }).click();
    await head.getByText('已记录：不批准延期').waitFor();
    const desk = await head.locator('#desk').textContent();
    const headForms = await head
      .locator('details[data-action]')
      .evaluateAll((all) => all.map((d) => d.getAttribute('data-action')));
    await headContext.close();

    // Assert
    expect(mail.to).toEqual(['zhenzhang@niedui.example.gov.cn']);
    expect(mail.text).toContain('需向自然资源所调取资料');
    expect(link.startsWith(session.system.baseUrl)).toBe(true);
    expect(desk).toContain('不批准延期');
    expect(desk).toContain('可在法定期限内答复');
    expect(headForms).not.toContain('approve_extension');
    expect(headForms).toContain('request_extension');
    const after = await staffView(submitted.caseId);
    expect(after.events.map((e) => e.event.type)).not.toContain('extended');
    expect(headProblems).toEqual([]);
  });

  it('downloads the year’s ledger as a real Excel workbook from the export button', async () => {
    // Arrange
    const submitted = await submit('东方晓', '请公开聂堆镇2024年财政预算执行情况');
    await signInToConsole(session.page, session.system.baseUrl, session.system.tokens[AGENCY] ?? '');
    const year = (await session.page.getByLabel('台账年度').inputValue()) || '';

    // Act
    const [download] = await Promise.all([
      session.page.waitForEvent('download'),
      session.page.getByRole('button', { name: '导出台账（Excel）' }).click(),
    ]);
    const file = await download.path();
    await session.page.getByText('台账已导出').waitFor();
    await saveScreenshot(session.page, 'desk-ledger-exported');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(file)) as unknown as ArrayBuffer);

    // Assert
    expect(download.suggestedFilename()).toBe(`台账-${AGENCY}-${year}.xlsx`);
    const sheet = workbook.worksheets[0];
    const values = (n: number) => ((sheet?.getRow(n).values ?? []) as unknown[]).slice(1).map(String);
    expect(values(1)).toEqual([...LEDGER_COLUMNS]);
    const rows = Array.from({ length: (sheet?.rowCount ?? 1) - 1 }, (_, i) => values(i + 2));
    const row = rows.find((r) => r[0] === submitted.receiptNumber);
    expect(row?.[4]).toBe('东方晓');
    expect(row?.[5]).toBe('请公开聂堆镇2024年财政预算执行情况');
    expect(workbook.worksheets.map((s) => s.name)).toContain('作废编号');
  });
});

describe('what the console offers for the case’s state', () => {
  it('shows the outcome and the reply date in the closed list', async () => {
    // Arrange
    const submitted = await submit('慕容雪', '请公开聂堆镇2024年河道清淤工程验收报告');
    const view = await staffView(submitted.caseId);
    const replied = await session.system.api<StaffView>('POST', `/v1/cases/${submitted.caseId}/actions`, {
      token: session.system.tokens[AGENCY],
      body: {
        type: 'reply',
        expectedVersion: view.case.version,
        outcome: 'unavailable.not_held',
        summary: '经检索，本机关未制作、获取该验收报告。',
      },
    });
    expect(replied.status).toBe(200);
    const closedOn = replied.body.events.at(-1)?.event as { on?: string } | undefined;
    await signInToConsole(session.page, session.system.baseUrl, session.system.tokens[AGENCY] ?? '');

    // Act
    await session.page.getByLabel('办理状态').selectOption('closed');
    const row = session.page.locator('#work-list tbody tr', { hasText: submitted.receiptNumber });
    await row.waitFor();
    await saveScreenshot(session.page, 'desk-closed-list');
    const headers = await session.page.locator('#work-list thead th').allTextContents();
    const cells = await row.locator('th, td').allTextContents();

    // Assert
    const [y, m, d] = (closedOn?.on ?? '').split('-').map(Number);
    expect(cells[headers.indexOf('答复结果')]).toBe('本机关不掌握相关政府信息');
    expect(cells[headers.indexOf('答复日期')]).toBe(`${y}年${m}月${d}日`);
  });

  it('says which deadline the work list shows: the reply deadline, or the applicant’s supplement period while it runs (Art. 30)', async () => {
    // Arrange: one case awaiting a supplement, one awaiting its reply
    const waiting = await submit('慕容复', '请公开聂堆镇2024年河道整治方案');
    await requestSupplement(waiting.caseId, '请写明所需方案的名称或文号');
    const running = await submit('慕容博', '请公开聂堆镇2024年河道整治资金');
    const listed = await session.system.api<{ cases: { caseId: string; replyDue?: string; sortDue?: string }[] }>(
      'GET',
      `/v1/cases?agencyId=${AGENCY}&limit=200`,
      { token: session.system.tokens[AGENCY] },
    );
    const rowOf = (caseId: string) => listed.body.cases.find((c) => c.caseId === caseId);
    const chinese = (date: string | undefined) => {
      const [y, m, d] = (date ?? '').split('-').map(Number);
      return `${y}年${m}月${d}日`;
    };
    await signInToConsole(session.page, session.system.baseUrl, session.system.tokens[AGENCY] ?? '');

    // Act
    const headers = await session.page.locator('#work-list thead th').allTextContents();
    const cellOf = async (receiptNumber: string) => {
      const row = session.page.locator('#work-list tbody tr', { hasText: receiptNumber });
      await row.waitFor();
      return (await row.locator('th, td').allTextContents())[headers.indexOf('期限')];
    };
    const waitingCell = await cellOf(waiting.receiptNumber);
    const runningCell = await cellOf(running.receiptNumber);

    // Assert: the supplement period is named as such, the reply deadline needs no note
    expect(rowOf(waiting.caseId)?.replyDue).toBeUndefined();
    expect(waitingCell).toContain(chinese(rowOf(waiting.caseId)?.sortDue));
    expect(waitingCell).toContain('申请人补正期限');
    expect(runningCell).toContain(chinese(rowOf(running.caseId)?.replyDue));
    expect(runningCell).not.toContain('期限');
  });

  it('offers exactly the actions the case’s state allows, and none of the statutory ones once it is closed', async () => {
    // Arrange: one case awaiting a supplement, one closed
    const waiting = await submit('欧阳锋', '请公开有关文件');
    await requestSupplement(waiting.caseId, '请写明所需文件的名称或文号');
    const closed = await submit('欧阳克', '请公开聂堆镇2024年道路养护合同');
    const closedView = await staffView(closed.caseId);
    const reply = await session.system.api('POST', `/v1/cases/${closed.caseId}/actions`, {
      token: session.system.tokens[AGENCY],
      body: { type: 'reply', expectedVersion: closedView.case.version, outcome: 'disclosed', summary: '予以公开。' },
    });
    expect(reply.status).toBe(200);
    await signInToConsole(session.page, session.system.baseUrl, session.system.tokens[AGENCY] ?? '');
    const offered = async () =>
      session.page.locator('details[data-action]').evaluateAll((all) => all.map((d) => d.getAttribute('data-action')));

    // Act
    await openCase(waiting.caseId);
    const onWaiting = await offered();
    await saveScreenshot(session.page, 'desk-actions-awaiting-supplement');
    await openCase(closed.caseId);
    const onClosed = await offered();

    // Assert
    expect(onWaiting).toEqual((await staffView(waiting.caseId)).allowedActions);
    expect(onWaiting).toContain('supplement_received');
    expect(onWaiting).not.toContain('request_supplement'); // once only (Art. 30)
    expect(onWaiting).not.toContain('extend'); // the reply clock is not running
    expect(onWaiting).not.toContain('fee_paid');
    expect(onClosed).toEqual((await staffView(closed.caseId)).allowedActions);
    expect(onClosed).not.toContain('reply');
    expect(onClosed).not.toContain('request_supplement');
    expect(onClosed).toEqual(expect.arrayContaining(['assign', 'add_note']));
  });

  it('asks a second confirmation before the irreversible reply, and records nothing until it is given', async () => {
    // Arrange
    const submitted = await submit('皇甫松', '请公开聂堆镇2024年集贸市场改造工程预算');
    await signInToConsole(session.page, session.system.baseUrl, session.system.tokens[AGENCY] ?? '');
    await openCase(submitted.caseId);
    const version = (await staffView(submitted.caseId)).case.version;

    // Act: the first click only asks
    await session.page.locator('details[data-action="reply"] > summary').click();
    const form = session.page.locator('#action-reply-form');
    await form.getByLabel('答复结果').selectOption('disclosed');
    await form.getByLabel('答复内容摘要').fill('予以公开：预算表见附件。');
    await form.getByRole('button', { name: '确认答复' }).click();
    await form.getByText('答复后本案即办结').waitFor();
    await saveScreenshot(session.page, 'desk-reply-confirmation');
    const afterFirstClick = await staffView(submitted.caseId);
    await form.getByRole('button', { name: '确认提交答复（不可撤回）' }).click();
    await session.page.getByText('已记录：答复').waitFor();

    // Assert
    expect(afterFirstClick.case.version).toBe(version);
    expect(afterFirstClick.case.status).not.toBe('closed');
    expect((await staffView(submitted.caseId)).case.status).toBe('closed');
    await expect(session.page.locator('#case-status').textContent()).resolves.toBe('已办结');
  });
});

describe('possible repeat applications on the case page', () => {
  it('shows the earlier similar application of the same applicant with a link, and offers the 重复申请 reply', async () => {
    // Arrange: the same person (same ID number) asks twice for the same information
    const idNumber = '110105194912310038';
    const first = await submit('令狐冲', '请公开聂堆镇2024年农村危房改造补助对象名单', idNumber);
    const firstView = await staffView(first.caseId);
    await session.system.api('POST', `/v1/cases/${first.caseId}/actions`, {
      token: session.system.tokens[AGENCY],
      body: { type: 'reply', expectedVersion: firstView.case.version, outcome: 'disclosed', summary: '予以公开。' },
    });
    const again = await submit('令狐冲', '申请公开聂堆镇2024年农村危房改造补助对象的名单', idNumber);
    await signInToConsole(session.page, session.system.baseUrl, session.system.tokens[AGENCY] ?? '');

    // Act
    await openCase(again.caseId);
    const panel = session.page.locator('#possible-duplicates');
    await panel.waitFor();
    await saveScreenshot(session.page, 'desk-possible-duplicates');
    const panelText = (await panel.textContent()) ?? '';
    await panel.getByRole('button', { name: '答复为“重复申请”' }).click();
    const chosen = await session.page.locator('#action-reply-form').getByLabel('答复结果').inputValue();
    await panel.getByRole('link', { name: first.receiptNumber }).click();
    await session.page.locator('#case-title', { hasText: first.receiptNumber }).waitFor();

    // axe is injected as an inline script, which the pages' CSP refuses: only this context bypasses it.
    const axeContext = await session.browser.newContext({ bypassCSP: true, locale: 'zh-CN' });
    const axePage = await axeContext.newPage();
    await signInToConsole(axePage, session.system.baseUrl, session.system.tokens[AGENCY] ?? '');
    await axePage.goto(`${session.system.baseUrl}/console.html#/cases/${again.caseId}`);
    await axePage.locator('#possible-duplicates').waitFor();
    const accessibility = await seriousAccessibilityProblems(axePage);
    await axeContext.close();

    // Assert
    expect(accessibility).toEqual([]);
    expect(panelText).toContain(first.receiptNumber);
    expect(panelText).toContain('予以公开');
    expect(panelText).toContain('第三十六条第（六）项');
    expect(panelText).toContain('重复申请');
    expect(chosen).toBe('not_processed.duplicate');
    await expect(session.page.locator('#possible-duplicates').count()).resolves.toBe(0);
  });
});
