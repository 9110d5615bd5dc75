/**
 * Statutory documents (design.md §9, issue 12): the content of each of the seven kinds from a real case of
 * 2024 (dates from the clock, 调休 included), the reply letter for all 21 outcome codes with both remedies, the
 * numbering, and the Word files read back: page size, margins, grid, fonts and sizes in `document.xml`, the
 * page-number footer.
 */
import { defaultCalendar } from '../../functions/shared/domain/calendar';
import {
  composeDocument,
  documentKindFor,
  documentNumber,
  renderDocumentHtml,
  REPLY_DECISIONS,
  type OfficialDocument,
} from '../../functions/shared/domain/documents';
import {
  extensionApproverName,
  OUTCOME_CODES,
  OUTCOME_LABELS,
  type CaseEvent,
} from '../../functions/shared/domain/model';
import { renderDocumentDocx } from '../../functions/shared/files/document-docx';
import { readDocx } from '../support/docx-read';
import { SAMPLE_LETTER_AGENCY, SAMPLE_LETTER_CASE } from '../support/sample-letter';

const AGENCY = SAMPLE_LETTER_AGENCY;
const CASE = SAMPLE_LETTER_CASE;

/** Received Fri 2024-09-27 in person; supplement, extension, consultation, fee, reply (国庆 2024 with 调休 on 10-12). */
const LIFE: CaseEvent[] = [
  { type: 'received', on: '2024-09-27', channel: 'in_person' },
  { type: 'supplement_requested', on: '2024-10-08', items: '请写明工程名称或文号', periodWorkingDays: 10 },
  { type: 'supplement_received', on: '2024-10-15' },
  { type: 'extended', on: '2024-11-08', workingDays: 10, approver: '李主任', reason: '需要调取档案' },
  {
    type: 'consultation_started',
    on: '2024-11-11',
    consultationId: 'c1',
    party: 'third_party',
    name: '某建设有限公司',
  },
  { type: 'consultation_ended', on: '2024-11-20', consultationId: 'c1' },
  { type: 'fee_notice_sent', on: '2024-11-21', method: 'by_pages', pages: 150, amountYuan: 1700 },
  { type: 'fee_paid', on: '2024-11-25' },
  { type: 'replied', on: '2024-11-29', outcome: 'partially_disclosed', summary: '第3页涉及个人隐私，已作遮盖' },
];

const compose = (events: CaseEvent[], sequence = 1, extra: Partial<Parameters<typeof composeDocument>[0]> = {}) =>
  composeDocument({
    number: documentNumber(AGENCY.letterPrefix, 2024, sequence),
    agency: AGENCY,
    case: CASE,
    events,
    calendar: defaultCalendar(),
    ...extra,
  });
const upTo = (type: CaseEvent['type']) => LIFE.slice(0, LIFE.findIndex((e) => e.type === type) + 1);
const fullText = (doc: OfficialDocument) =>
  [
    doc.title,
    doc.number,
    doc.addressee,
    ...doc.body.map((b) => (b.type === 'paragraph' ? b.text : b.rows.flat().join('：'))),
    doc.articles.join('；'),
  ].join('\n');

describe('document content per kind (2024 case)', () => {
  it.each([
    [
      'received',
      'receipt',
      '政府信息公开申请登记回执',
      ['2024年9月27日', '答复期限', '2024年10月30日前', '2024年10月12日前', '第三十一条'],
    ],
    [
      'supplement_requested',
      'supplement_notice',
      '政府信息公开申请补正告知书',
      ['请写明工程名称或文号', '10个工作日', '2024年10月21日前', '视为放弃申请', '第三十条'],
    ],
    [
      'extended',
      'extension_notice',
      '政府信息公开申请延期答复告知书',
      ['需要调取档案', '李主任', '2024年11月12日前', '延长10个工作日', '2024年11月26日前', '第三十三条第二款'],
    ],
    [
      'consultation_started',
      'consultation_letter',
      '政府信息公开征求意见函',
      ['某建设有限公司：', '15个工作日', '2024年12月2日前', '逾期未提出意见的', '第三十二条'],
    ],
    [
      'fee_notice_sent',
      'fee_notice',
      '政府信息公开信息处理费收费通知书',
      ['150页', '1,700元', '2024年12月19日前', '视为放弃申请', '信息处理费管理办法'],
    ],
    [
      'replied',
      'reply',
      '政府信息公开申请答复书',
      ['部分公开', '第三十七条', '第3页涉及个人隐私', '电子邮件', '六十日', '六个月'],
    ],
  ] as const)('%s → %s with its dates and article', (type, kind, title, phrases) => {
    const doc = compose(upTo(type));
    expect(doc.kind).toBe(kind);
    expect(doc.title).toBe(title);
    expect(doc.number).toBe('聂政公开〔2024〕1号');
    expect(doc.issuedOn).toBe(LIFE.find((e) => e.type === type)?.on);
    const text = fullText(doc);
    for (const phrase of phrases) expect(text).toContain(phrase);
    expect(text).toContain(CASE.receiptNumber);
  });

  it('keeps the applicant out of the consultation letter and off the applicant list', () => {
    const doc = compose(upTo('consultation_started'));
    expect(doc.forApplicant).toBe(false);
    expect(fullText(doc)).not.toContain(CASE.applicantName);
  });

  it('puts the tracking code only in the copy handed over at registration', () => {
    const plain = compose(upTo('received'));
    const handed = compose(upTo('received'), 1, {
      handover: { trackingCode: 'ABCD-EFGH-JKLM', statusUrl: 'http://127.0.0.1/status.html?r=NDZ-2024-000001' },
    });
    expect(fullText(plain)).not.toContain('查询码：');
    expect(fullText(handed)).toContain('查询码：ABCD-EFGH-JKLM');
  });

  it('names an online receipt 受理回执', () => {
    expect(compose([{ type: 'received', on: '2024-10-23', channel: 'online' }]).title).toBe('政府信息公开申请受理回执');
  });

  it.each([
    [
      'other.supplement_overdue',
      [LIFE[0]!, LIFE[1]!, { type: 'closed_automatically', on: '2024-10-22', outcome: 'other.supplement_overdue' }],
      '2024年10月21日',
      '第三十条',
    ],
    [
      'other.fee_unpaid',
      [
        LIFE[0]!,
        { type: 'fee_notice_sent', on: '2024-10-08', method: 'by_pages', pages: 150, amountYuan: 1700 },
        { type: 'closed_automatically', on: '2024-11-06', outcome: 'other.fee_unpaid' },
      ],
      '2024年11月4日',
      '第七条',
    ],
  ] as const)(
    'termination notice for %s names the lapsed period and the article',
    (_outcome, events, lapsedOn, article) => {
      const doc = compose([...events] as CaseEvent[]);
      expect(doc.kind).toBe('termination_notice');
      const text = fullText(doc);
      expect(text).toContain(lapsedOn);
      expect(text).toContain(article);
      expect(text).toContain('六十日内向西华县人民政府申请行政复议');
    },
  );

  it('marks a date of a year without holiday notice 暂定', () => {
    const doc = compose([{ type: 'received', on: '2026-12-04', channel: 'in_person' }]);
    expect(doc.provisional).toBe(true);
    expect(fullText(doc)).toMatch(/答复期限：2027年1月\d+日（暂定）前/);
  });

  it('adds the note on 暂定 only to a letter that shows a date marked so', () => {
    // A reply of 2026-12-10 to an application of 2026-12-04: its reply deadline falls in January 2027 (no
    // holiday notice yet), but the letter itself shows only dates of 2026.
    const doc = compose([
      { type: 'received', on: '2026-12-04', channel: 'in_person' },
      { type: 'replied', on: '2026-12-10', outcome: 'disclosed', summary: '予以公开' },
    ]);
    expect(fullText(doc)).not.toContain('暂定');
    expect(doc.provisional).toBe(false);
  });

  it('calls for no document on events that are not notices', () => {
    expect(documentKindFor({ type: 'fee_paid', on: '2024-10-08' })).toBeUndefined();
    expect(documentKindFor({ type: 'consultation_ended', on: '2024-10-08', consultationId: 'c' })).toBeUndefined();
  });
});

describe('reply letter for every outcome code', () => {
  it.each(OUTCOME_CODES.map((code) => [code]))(
    '%s: outcome, article, both remedies with periods, organ and court',
    (code) => {
      const doc = compose([LIFE[0]!, { type: 'replied', on: '2024-10-23', outcome: code, summary: '' }]);
      const text = fullText(doc);
      expect(text).toContain(`答复结果：${OUTCOME_LABELS[code]}`);
      expect(text).toContain(REPLY_DECISIONS[code].article);
      expect(text).toContain('六十日内向西华县人民政府申请行政复议');
      expect(text).toContain('六个月内向西华县人民法院提起行政诉讼');
      expect(doc.articles).toContain('《条例》第五十一条');
    },
  );

  it('uses generic remedy wording when the agency has not named its review organ and court', () => {
    const doc = compose([LIFE[0]!, { type: 'replied', on: '2024-10-23', outcome: 'disclosed', summary: '' }], 1, {
      agency: { ...AGENCY, reviewOrgan: '', court: '' },
    });
    expect(fullText(doc)).toContain('向本机关的行政复议机关申请行政复议');
    expect(fullText(doc)).toContain('向有管辖权的人民法院提起行政诉讼');
  });
});

describe('numbering', () => {
  it.each([
    ['聂政公开', 2024, 1, '聂政公开〔2024〕1号'],
    ['西政办公开', 2025, 128, '西政办公开〔2025〕128号'],
  ])('%s %i #%i → %s', (prefix, year, n, expected) => {
    expect(documentNumber(prefix, year, n)).toBe(expected);
  });
  it('refuses a sequence below 1', () => {
    expect(() => documentNumber('X', 2024, 0)).toThrow(RangeError);
  });
});

describe('printable HTML', () => {
  it('is an A4 page with the GB/T 9704 margins and escapes user text', () => {
    const doc = compose([
      LIFE[0]!,
      { type: 'replied', on: '2024-10-23', outcome: 'disclosed', summary: '<script>alert(1)</script>' },
    ]);
    const html = renderDocumentHtml(doc);
    expect(html).toContain('@page { size: A4; margin: 37mm 26mm 35mm 28mm; }');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('聂政公开〔2024〕1号');
  });
});

describe('Word file read back', () => {
  it.each([
    'received',
    'supplement_requested',
    'extended',
    'consultation_started',
    'fee_notice_sent',
    'replied',
  ] as const)(
    'the document of %s: A4, margins 37/35/28/26 mm, 22 lines grid, 小标宋 二号 title, 仿宋 三号 body, — N — footer',
    async (type) => {
      const doc = compose(upTo(type));
      const word = readDocx(await renderDocumentDocx(doc));
      // 1 mm = 56.69 twips: 210 × 297 mm, top 37, bottom 35, left 28, right 26.
      expect(word.page).toMatchObject({
        width: 11906,
        height: 16838,
        margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 },
        grid: { type: 'linesAndChars', linePitch: 579 },
      });
      expect(word.documentXml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
      // Title paragraph in the Title style: 方正小标宋简体 at 二号 (44 half-points); body default 仿宋_GB2312 三号 (32).
      expect(word.documentXml).toMatch(/<w:pStyle w:val="Title"\/>[\s\S]*?政府信息公开/);
      expect(word.stylesXml).toMatch(/w:styleId="Title"[\s\S]*?方正小标宋简体[\s\S]*?<w:sz w:val="44"\/>/);
      expect(word.stylesXml).toMatch(/<w:docDefaults>[\s\S]*?仿宋_GB2312[\s\S]*?<w:sz w:val="32"\/>/);
      expect(word.paragraphs[0]).toBe(doc.title);
      expect(word.paragraphs).toContain(doc.number);
      expect(word.paragraphs.join('\n')).toContain(CASE.receiptNumber);
      expect(word.paragraphs).toContain(doc.signatory);
      expect(word.footerTexts.join('\n')).toMatch(/— \{\s*PAGE\s*\} —/);
    },
  );
});

describe('letters as the newcomer trial read them (2026-12-06)', () => {
  it.each([
    ['the description', { ...CASE, description: '2023年道路工程的招标文件和验收报告。' }, 'replied'],
    ['the extension reason', CASE, 'extended'],
  ] as const)('never doubles punctuation after %s typed with its own full stop', (_what, letterCase, type) => {
    // Arrange: the officer's reason ends with 。 too.
    const events = upTo(type).map((e) =>
      e.type === 'extended' ? { ...e, reason: '涉及多个项目档案，需到县档案馆调取。' } : e,
    );

    // Act
    const text = fullText(compose(events, 1, { case: letterCase }));

    // Assert
    expect(text).not.toMatch(/[。，；：][。，；：]/u);
  });

  it('names the head by role, never by account id, when the extension was approved in gongkai', () => {
    // Arrange
    const events = upTo('extended').map((e) =>
      e.type === 'extended' ? { ...e, approver: 'staff@niedui-town:head', approval: 'online' as const } : e,
    );

    // Act
    const text = fullText(compose(events));

    // Assert
    expect(text).toContain('经本机关政府信息公开工作机构负责人同意');
    expect(text).not.toContain('staff@');
  });

  it.each([
    ['registered the day it arrived', '2024-09-27', '2024-09-27'],
    ['registered three days after it arrived by post', '2024-09-30', '2024-09-30'],
    ['recorded day unknown', undefined, '2024-09-27'],
  ] as const)(
    'dates the 登记回执 the day it is written (%s), stating the day received',
    (_why, recordedOn, issuedOn) => {
      // Act
      const doc = compose(upTo('received'), 1, recordedOn ? { recordedOn } : {});

      // Assert
      expect(doc.issuedOn).toBe(issuedOn);
      expect(fullText(doc)).toContain('收到申请日期：2024年9月27日');
    },
  );
});

describe('extensionApproverName (letters and the ledger)', () => {
  it.each([
    [{ approver: '王主任' }, '王主任'],
    [{ approver: '  ' }, undefined],
    [{ approver: 'staff@niedui-town:head', approval: 'online' as const }, undefined],
  ])('%j → %s', (event, name) => {
    expect(extensionApproverName(event)).toBe(name);
  });
});
