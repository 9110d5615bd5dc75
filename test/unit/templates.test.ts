import {
  acknowledgement,
  autoClosedNotice,
  consultationDue,
  extensionNotice,
  feeNotice,
  formatChineseDate,
  formatYuan,
  newApplicationNotice,
  officeReminder,
  overdueEscalation,
  renderTemplate,
  replyNotice,
  reportReady,
  supplementNotice,
  supplementReminder,
  type EmailContent,
  type TemplateRequest,
} from '../../functions/shared/notify/templates';

const XSS = '<script>alert("x")</script>';
const BASE = 'https://gongkai.example.gov.cn/';

const applicantRef = {
  agencyName: '聂堆镇人民政府',
  receiptNumber: 'GK-2024-000123',
  baseUrl: BASE,
  applicantName: '张三',
};
const caseRef = { agencyName: '聂堆镇人民政府', receiptNumber: 'GK-2024-000123', caseId: 'case-01J', baseUrl: BASE };

/** Each template with its user-supplied text field set to a script tag, and the facts its text must carry. */
const cases: [string, TemplateRequest, string[]][] = [
  [
    'acknowledgement',
    {
      template: 'acknowledgement',
      input: {
        ...applicantRef,
        applicantName: XSS,
        receivedOn: '2024-09-27',
        replyDue: '2024-10-30',
        trackingCode: 'K7P3MZ9QXA',
      },
    },
    [
      '聂堆镇人民政府',
      'GK-2024-000123',
      '2024年9月27日（2024-09-27）',
      '2024年10月30日（2024-10-30）',
      'K7P3MZ9QXA',
      'https://gongkai.example.gov.cn/status.html?r=GK-2024-000123',
      '20个工作日',
      '7个工作日',
    ],
  ],
  [
    'supplementNotice',
    {
      template: 'supplementNotice',
      input: { ...applicantRef, items: XSS, periodWorkingDays: 15, dueOn: '2024-11-15' },
    },
    ['GK-2024-000123', '2024年11月15日（2024-11-15）', '15个工作日', '第三十条', '/status.html?r=GK-2024-000123', XSS],
  ],
  [
    'extensionNotice',
    {
      template: 'extensionNotice',
      input: { ...applicantRef, agencyName: XSS, workingDays: 20, newDue: '2024-11-27', previousDue: '2024-10-30' },
    },
    ['GK-2024-000123', '20个工作日', '2024年11月27日（2024-11-27）', '2024年10月30日（2024-10-30）', '第三十三条'],
  ],
  [
    'feeNotice',
    {
      template: 'feeNotice',
      input: {
        ...applicantRef,
        applicantName: XSS,
        amountYuan: 1700,
        method: 'by_pages',
        pages: 150,
        payBy: '2024-11-20',
      },
    },
    ['GK-2024-000123', '1,700元', '按量计收（150页）', '2024年11月20日（2024-11-20）'],
  ],
  [
    'replyNotice',
    {
      template: 'replyNotice',
      input: { ...applicantRef, outcome: 'partially_disclosed', repliedOn: '2024-10-29', summary: `部分公开。${XSS}` },
    },
    ['GK-2024-000123', '部分公开', '2024年10月29日（2024-10-29）', `部分公开。${XSS}`],
  ],
  [
    'autoClosedNotice',
    {
      template: 'autoClosedNotice',
      input: {
        ...applicantRef,
        applicantName: XSS,
        outcome: 'other.supplement_overdue',
        closedOn: '2024-11-18',
        lapsedOn: '2024-11-15',
      },
    },
    ['GK-2024-000123', '第三十条', '2024年11月18日（2024-11-18）', '2024年11月15日（2024-11-15）', '不再处理'],
  ],
  [
    'newApplicationNotice',
    {
      template: 'newApplicationNotice',
      input: {
        ...caseRef,
        agencyName: XSS,
        receivedOn: '2024-09-27',
        supplementNoticeDue: '2024-10-11',
        replyDue: '2024-10-30',
        channelLabel: '互联网',
      },
    },
    [
      'GK-2024-000123',
      '2024年10月11日（2024-10-11）',
      '2024年10月30日（2024-10-30）',
      '7个工作日',
      'https://gongkai.example.gov.cn/console.html#/cases/case-01J',
    ],
  ],
  [
    'officeReminder',
    { template: 'officeReminder', input: { ...caseRef, agencyName: XSS, kind: 'five_days', replyDue: '2024-10-30' } },
    ['GK-2024-000123', '5个工作日', '2024年10月30日（2024-10-30）', '/console.html#/cases/case-01J'],
  ],
  [
    'overdueEscalation',
    {
      template: 'overdueEscalation',
      input: { ...caseRef, agencyName: XSS, replyDue: '2024-10-30', overdueWorkingDays: 3 },
    },
    ['GK-2024-000123', '2024年10月30日（2024-10-30）', '3个工作日', '/console.html#/cases/case-01J'],
  ],
  [
    'supplementReminder',
    { template: 'supplementReminder', input: { ...applicantRef, applicantName: XSS, dueOn: '2024-11-15' } },
    ['GK-2024-000123', '2024年11月15日（2024-11-15）', '第三十条', '/status.html?r=GK-2024-000123'],
  ],
  [
    'consultationDue',
    {
      template: 'consultationDue',
      input: { ...caseRef, parties: [XSS, '县财政局'], dueOn: '2024-10-18' },
    },
    ['GK-2024-000123', '县财政局', '2024年10月18日（2024-10-18）', '第三十二条', '/console.html#/cases/case-01J'],
  ],
  [
    'reportReady',
    { template: 'reportReady', input: { agencyName: XSS, agencyId: 'niedui-town', year: 2024, baseUrl: BASE } },
    ['2024年', '/console.html#/reports/niedui-town/2024'],
  ],
];

describe('email templates', () => {
  it.each(cases)('%s escapes a script tag in a user-supplied field in its HTML', (_name, request) => {
    const { html } = renderTemplate(request);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it.each(cases)('%s carries its key facts in the plain text', (_name, request, facts) => {
    const { text, subject } = renderTemplate(request);
    expect(subject.length).toBeGreaterThan(0);
    expect(subject).not.toMatch(/[\r\n]/);
    for (const fact of facts) expect(text).toContain(fact);
  });

  it.each(cases)('%s is a complete Chinese HTML document', (_name, request) => {
    const { html } = renderTemplate(request);
    expect(html).toMatch(/^<!doctype html><html lang="zh-CN">/);
    expect(html).toMatch(/<\/html>$/);
  });

  it('renders every template through renderTemplate as through its own function', () => {
    const direct: Record<string, (input: never) => EmailContent> = {
      acknowledgement,
      supplementNotice,
      extensionNotice,
      feeNotice,
      replyNotice,
      autoClosedNotice,
      newApplicationNotice,
      officeReminder,
      overdueEscalation,
      reportReady,
      supplementReminder,
      consultationDue,
    };
    for (const [name, request] of cases) {
      expect(renderTemplate(request)).toEqual(direct[name]?.(request.input as never));
    }
  });

  it('links the acknowledgement to the status page with the receipt number encoded', () => {
    const mail = acknowledgement({
      ...applicantRef,
      receiptNumber: 'GK 2024/1&x',
      receivedOn: '2024-09-27',
      replyDue: '2024-10-30',
      trackingCode: 'K7P3MZ9QXA',
    });
    expect(mail.text).toContain('https://gongkai.example.gov.cn/status.html?r=GK%202024%2F1%26x');
    expect(mail.html).toContain('href="https://gongkai.example.gov.cn/status.html?r=GK%202024%2F1%26x"');
  });

  it('notes a provisional due date when the holiday calendar is not yet published', () => {
    const input = { ...applicantRef, receivedOn: '2026-12-20', replyDue: '2027-01-18', trackingCode: 'K7P3MZ9QXA' };
    expect(acknowledgement({ ...input, provisional: true }).text).toContain('暂定');
    expect(acknowledgement(input).text).not.toContain('暂定');
  });

  it('names the fee-unpaid closure and its basis', () => {
    const mail = autoClosedNotice({ ...applicantRef, outcome: 'other.fee_unpaid', closedOn: '2024-12-02' });
    expect(mail.text).toContain('信息处理费');
    expect(mail.text).toContain('《政府信息公开信息处理费管理办法》');
  });

  it('words each office reminder by its kind', () => {
    const at = (kind: 'five_days' | 'one_day' | 'due_today') =>
      officeReminder({ ...caseRef, kind, replyDue: '2024-10-30' }).subject;
    expect(at('five_days')).toContain('5个工作日');
    expect(at('one_day')).toContain('1个工作日');
    expect(at('due_today')).toContain('最后一天');
  });

  it('shows a fee charged by count without pages', () => {
    const mail = feeNotice({ ...applicantRef, amountYuan: 200.5, method: 'by_count', payBy: '2024-11-20' });
    expect(mail.text).toContain('按件计收');
    expect(mail.text).toContain('200.50元');
  });

  it('keeps line breaks of a multi-line summary in the HTML', () => {
    const mail = replyNotice({
      ...applicantRef,
      outcome: 'disclosed',
      repliedOn: '2024-10-29',
      summary: '第一行\n第二行',
    });
    expect(mail.html).toContain('第一行<br>第二行');
  });
});

describe('formatChineseDate', () => {
  it.each([
    ['2024-10-30', '2024年10月30日'],
    ['2025-01-05', '2025年1月5日'],
  ])('writes %s as %s', (iso, chinese) => {
    expect(formatChineseDate(iso)).toBe(chinese);
  });

  it('refuses a value that is not a date', () => {
    expect(() => formatChineseDate('30/10/2024')).toThrow('YYYY-MM-DD');
  });
});

describe('formatYuan', () => {
  it.each([
    [0, '0元'],
    [1700, '1,700元'],
    [1234567, '1,234,567元'],
    [12.5, '12.50元'],
  ])('writes %d yuan as %s', (amount, text) => {
    expect(formatYuan(amount)).toBe(text);
  });
});
