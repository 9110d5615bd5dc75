/**
 * The content of every statutory document (文书), one template per kind, in one place (design.md §9). Each
 * template reads the case's events up to the one that causes the document and takes every date from the
 * statutory clock on that day: nothing is typed in. Regulations = 《中华人民共和国政府信息公开条例》 (《条例》).
 */
import { PROVISIONAL_NOTE as SHARED_PROVISIONAL_NOTE } from '../provisional';
import { isProvisionalDate, type Calendar } from '../calendar';
import { computeCaseClock, type CaseClock } from '../clock';
import { extensionApproverName, OUTCOME_LABELS, type CaseEvent, type Channel, type LocalDate } from '../model';
import { REPLY_DECISIONS, LITIGATION_PERIOD_TEXT, REVIEW_PERIOD_TEXT } from './reply-decisions';
import { DOCUMENT_TITLES, REGISTRATION_RECEIPT_TITLE, documentIssuedOn, documentKindFor } from './kinds';
import type { DocumentBlock, DocumentKind, LetterAgency, LetterCase, OfficialDocument } from './types';

const REGULATIONS = '《中华人民共和国政府信息公开条例》（以下简称《条例》）';
const FEE_MEASURES = '《政府信息公开信息处理费管理办法》';

const CHANNEL_WORDS: Readonly<Record<Channel, string>> = {
  online: '通过互联网提交',
  in_person: '当面提交',
  registered_post: '以邮寄方式提交',
  ordinary_letter: '以平常信函方式提交',
  fax: '以传真方式提交',
};
const DELIVERY_FORM_WORDS = { paper: '纸质', electronic: '电子' } as const;
const DELIVERY_METHOD_WORDS = {
  email: '电子邮件发送',
  post: '邮寄',
  pickup: '当面领取',
  online: '网上获取',
} as const;

/**
 * A legal date as printed in a document (GB/T 9704-2012 §7.3.5.1: Arabic numerals, year, month and day in full).
 * @example chineseDate('2024-10-30') // => '2024年10月30日'
 */
export function chineseDate(date: LocalDate): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/**
 * An amount in yuan as printed in a notice.
 * @example yuan(1700) // => '1,700元'
 */
export function yuan(amount: number): string {
  const [whole = '0', cents] = (Number.isInteger(amount) ? String(amount) : amount.toFixed(2)).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${cents ? `.${cents}` : ''}元`;
}

export interface ComposeInput {
  /** The document number already drawn (`documentNumber`). */
  readonly number: string;
  readonly agency: LetterAgency;
  readonly case: LetterCase;
  /** The case's events up to and including the one that causes the document. */
  readonly events: readonly CaseEvent[];
  readonly calendar: Calendar;
  /** Only the copy handed over at registration carries the tracking code (design.md §9), with the status page. */
  readonly handover?: { readonly trackingCode: string; readonly statusUrl: string } | undefined;
  /** The day (Asia/Shanghai) the event was recorded, when known: dates a 登记回执 (see `documentIssuedOn`). */
  readonly recordedOn?: LocalDate | undefined;
}

interface Context {
  readonly input: ComposeInput;
  readonly event: CaseEvent;
  /** The clock on the event's day, with the event. */
  readonly clock: CaseClock;
  /** The clock on the event's day, before the event. */
  readonly before: CaseClock | null;
  /** A computed date as printed, marked 暂定 when its year has no holiday notice yet (facts use `chineseDate`). */
  readonly date: (date: LocalDate) => string;
  readonly subject: string;
}

interface Draft {
  readonly title?: string;
  readonly addressee?: string;
  readonly body: readonly DocumentBlock[];
  readonly articles: readonly string[];
  readonly forApplicant?: boolean;
}

const p = (text: string): DocumentBlock => ({ type: 'paragraph', text });

/** Art. 51; 《行政复议法》 Art. 20 (60 days); 《行政诉讼法》 Art. 46 (6 months). Named from the agency's settings. */
function remedies(agency: LetterAgency, act: string): DocumentBlock {
  const organ = agency.reviewOrgan.trim() || '本机关的行政复议机关';
  const court = agency.court.trim() || '有管辖权的人民法院';
  return p(
    `如对本${act}不服，您可以自收到本${act}之日起${REVIEW_PERIOD_TEXT}内向${organ}申请行政复议，` +
      `或者自收到本${act}之日起${LITIGATION_PERIOD_TEXT}内向${court}提起行政诉讼。`,
  );
}
const REMEDY_ARTICLES = [
  '《条例》第五十一条',
  '《中华人民共和国行政复议法》第二十条',
  '《中华人民共和国行政诉讼法》第四十六条',
];

/**
 * A text the applicant or an officer typed, set into a sentence of a letter: trimmed, its own closing
 * punctuation dropped, since the letter's sentence goes on after it (no "。。" or "。，").
 *
 * @example clause('请公开2023年道路工程招标文件。') // => '请公开2023年道路工程招标文件'
 */
export function clause(text: string): string {
  return text.trim().replace(/[\s。，、；：！？.,;:!?]+$/u, '');
}

const requested = (c: LetterCase): string =>
  `${clause(c.description)}${c.documentNumber ? `（文号：${c.documentNumber}）` : ''}`;

function receipt(ctx: Context): Draft {
  const { input, clock } = ctx;
  const received = input.events[0];
  const channel = received?.type === 'received' ? received.channel : 'online';
  const replyDue = clock.replyDue?.due;
  const rows: [string, string][] = [
    ['受理编号', input.case.receiptNumber],
    ['申请人', input.case.applicantName],
    ['申请公开的信息', requested(input.case)],
    ['收到申请日期', `${chineseDate(clock.receivedOn)}（${CHANNEL_WORDS[channel]}）`],
    ...(replyDue ? ([['答复期限', `${ctx.date(replyDue)}前`]] as [string, string][]) : []),
    ...(input.handover
      ? ([
          ['查询码', input.handover.trackingCode],
          ['查询网址', input.handover.statusUrl],
        ] as [string, string][])
      : []),
  ];
  return {
    title: channel === 'online' ? DOCUMENT_TITLES.receipt : REGISTRATION_RECEIPT_TITLE,
    body: [
      p(
        `本机关于${chineseDate(clock.receivedOn)}收到您${CHANNEL_WORDS[channel]}的政府信息公开申请，` +
          `根据${REGULATIONS}第三十一条的规定，以该日为收到申请之日，现予登记。`,
      ),
      { type: 'facts', rows },
      p(
        `根据《条例》第三十三条第二款的规定，本机关将自收到申请之日起20个工作日内作出答复；需要延长答复期限的，` +
          `经政府信息公开工作机构负责人同意并告知您，延长的期限最长不超过20个工作日。` +
          `如申请内容不明确，本机关将于${ctx.date(clock.supplementNoticeDue.due)}前一次性告知您补正（《条例》第三十条）。`,
      ),
      ...(input.handover
        ? [
            p(
              '请妥善保管本回执。凭受理编号和查询码可在查询网址查看办理进度、补正申请和领取文书；查询码仅在本回执上出现一次。',
            ),
          ]
        : []),
    ],
    articles: ['《条例》第三十一条', '《条例》第三十三条第二款', '《条例》第三十条'],
  };
}

function supplementNotice(ctx: Context): Draft {
  const { event, clock } = ctx;
  if (event.type !== 'supplement_requested') throw new TypeError('supplement notice needs supplement_requested');
  const due = clock.supplementDue?.due;
  return {
    body: [
      p(`${ctx.subject}收悉。经审查，您的申请内容不明确，根据${REGULATIONS}第三十条的规定，请您对以下内容作出补正：`),
      p(event.items),
      p(
        `请于本告知书发出之日起${event.periodWorkingDays}个工作日内` +
          `${due ? `，即${ctx.date(due)}前，` : '，'}向本机关提交补正。答复期限自本机关收到补正后的申请之日起重新计算。`,
      ),
      p('无正当理由逾期不补正的，视为放弃申请，本机关将不再处理该政府信息公开申请（《条例》第三十条）。'),
    ],
    articles: ['《条例》第三十条'],
  };
}

function extensionNotice(ctx: Context): Draft {
  const { event, clock, before } = ctx;
  if (event.type !== 'extended') throw new TypeError('extension notice needs extended');
  const reason = clause(event.reason ?? '') || '所申请的信息需要进一步检索、核实';
  const approver = extensionApproverName(event);
  const newDue = clock.replyDue?.due;
  const oldDue = before?.replyDue?.due;
  return {
    body: [
      p(
        `${ctx.subject}收悉。因${reason}，本机关不能在${oldDue ? `${ctx.date(oldDue)}前` : '规定期限内'}作出答复。` +
          `经本机关政府信息公开工作机构负责人${approver ? `（${approver}）` : ''}同意，根据${REGULATIONS}第三十三条第二款的规定，` +
          `答复期限延长${event.workingDays}个工作日${newDue ? `，本机关将于${ctx.date(newDue)}前作出答复` : ''}。`,
      ),
      p('特此告知。'),
    ],
    articles: ['《条例》第三十三条第二款'],
  };
}

function consultationLetter(ctx: Context): Draft {
  const { event, clock, input } = ctx;
  if (event.type !== 'consultation_started') throw new TypeError('consultation letter needs consultation_started');
  const due = clock.consultations.find((c) => c.consultationId === event.consultationId)?.opinionDue.due;
  const question = event.question?.trim() || requested(input.case);
  const deadline = `请于收到本函之日起15个工作日内${due ? `（${ctx.date(due)}前）` : ''}`;
  // The applicant's identity is not disclosed to the consulted party.
  const opening = `本机关于${chineseDate(clock.receivedOn)}收到一份政府信息公开申请（受理编号：${input.case.receiptNumber}），申请公开以下信息：`;
  const body =
    event.party === 'third_party'
      ? [
          p(opening),
          p(question),
          p(
            `该信息的公开可能损害贵方的合法权益。根据${REGULATIONS}第三十二条的规定，现书面征求贵方意见。` +
              `${deadline}书面提出是否同意公开的意见；不同意公开的，请说明理由。`,
          ),
          p(
            '第三方不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的内容和理由书面告知第三方。' +
              '逾期未提出意见的，由本机关依照《条例》的规定决定是否公开。',
          ),
        ]
      : [
          p(opening),
          p(question),
          p(
            `该信息由本机关与贵机关共同制作。根据${REGULATIONS}第三十四条的规定，现征求贵机关意见。` +
              `${deadline}提出意见；逾期未提出意见的，视为同意公开。`,
          ),
        ];
  return {
    addressee: `${event.name}：`,
    body: [...body, p('征求意见期间不计入答复期限（《条例》第三十三条第三款）。')],
    articles:
      event.party === 'third_party'
        ? ['《条例》第三十二条', '《条例》第三十三条第三款']
        : ['《条例》第三十四条', '《条例》第三十三条第三款'],
    forApplicant: false,
  };
}

function feeNotice(ctx: Context): Draft {
  const { event, clock, input } = ctx;
  if (event.type !== 'fee_notice_sent') throw new TypeError('fee notice needs fee_notice_sent');
  const payBy = clock.feePaymentDue?.due;
  const quantity =
    event.method === 'by_pages'
      ? `按量计收：所需提供的政府信息共${event.pages ?? 0}页（30页以下免费，31至100页每页10元，101至200页每页20元，201页以上每页40元）`
      : '按件计收：您本月向本机关提出的政府信息公开申请超过10件（11至30件每件100元，31件以上每10件为一档，每件收费标准提高100元）';
  const where = [input.agency.address.trim(), input.agency.phone.trim()].filter(Boolean);
  return {
    body: [
      p(
        `${ctx.subject}收悉。根据${FEE_MEASURES}的规定，本机关对该申请收取信息处理费，${quantity}，应缴金额${yuan(event.amountYuan)}。`,
      ),
      p(
        `请于收到本通知次日起20个工作日内${payBy ? `，即${ctx.date(payBy)}前，` : '，'}缴纳上述费用` +
          `${where.length ? `（缴费地点及咨询：${where.join('，电话')}）` : ''}。` +
          '逾期未缴纳的，视为放弃申请，本机关将不再处理该政府信息公开申请。',
      ),
      p('自本通知发出之日至您缴纳费用之日的期间，不计入答复期限。'),
    ],
    articles: [`${FEE_MEASURES}第三条至第五条`, `${FEE_MEASURES}第七条`],
  };
}

function reply(ctx: Context): Draft {
  const { event, input } = ctx;
  if (event.type !== 'replied') throw new TypeError('reply needs replied');
  const decision = REPLY_DECISIONS[event.outcome];
  const summary = event.summary.trim();
  const { form, method } = input.case.delivery;
  return {
    body: [
      p(`${ctx.subject}收悉，申请公开：${requested(input.case)}。现根据${REGULATIONS}答复如下：`),
      p(`经审查，根据${decision.article}的规定，${decision.decision}`),
      p(`答复结果：${OUTCOME_LABELS[event.outcome]}。`),
      ...(summary ? [p(`具体情况：${summary}`)] : []),
      ...(decision.provides
        ? [
            p(
              `本机关按照您申请时选择的形式，以${DELIVERY_FORM_WORDS[form]}形式、通过${DELIVERY_METHOD_WORDS[method]}的方式向您提供上述信息。`,
            ),
          ]
        : []),
      remedies(input.agency, '答复书'),
    ],
    articles: [decision.article, ...REMEDY_ARTICLES],
  };
}

function terminationNotice(ctx: Context): Draft {
  const { event, before, input } = ctx;
  if (event.type !== 'closed_automatically') throw new TypeError('termination notice needs closed_automatically');
  const decision = REPLY_DECISIONS[event.outcome];
  const lapsed =
    event.outcome === 'other.supplement_overdue'
      ? `本机关已向您发出补正告知，补正期限${before?.supplementDue ? `已于${ctx.date(before.supplementDue.due)}届满` : '已届满'}，您未在期限内补正。`
      : `本机关已向您发出信息处理费收费通知，缴费期限${before?.feePaymentDue ? `已于${ctx.date(before.feePaymentDue.due)}届满` : '已届满'}，您未在期限内缴纳。`;
  return {
    body: [
      p(`${ctx.subject}收悉。${lapsed}`),
      p(`根据${decision.article.replace('《条例》', REGULATIONS)}的规定，${decision.decision}本案终止处理。`),
      remedies(input.agency, '告知书'),
    ],
    articles: [decision.article, ...REMEDY_ARTICLES],
  };
}

const TEMPLATES: Readonly<Record<DocumentKind, (ctx: Context) => Draft>> = {
  receipt,
  supplement_notice: supplementNotice,
  extension_notice: extensionNotice,
  consultation_letter: consultationLetter,
  fee_notice: feeNotice,
  reply,
  termination_notice: terminationNotice,
};

/** The one sentence saying why a date is 暂定 (design.md §9), as in emails and pages. */
const PROVISIONAL_NOTE = `注：标注“暂定”的日期${SHARED_PROVISIONAL_NOTE.replace(/^该日期/, '')}`;

/**
 * Writes the document that the last of `input.events` calls for, its dates taken from the statutory clock on
 * that event's day. Throws when the event calls for none.
 * @example composeDocument({ number: '聂政公开〔2024〕1号', agency, case, events: [{ type: 'received', on: '2024-10-23', channel: 'in_person' }], calendar }).title // => '政府信息公开申请登记回执'
 */
export function composeDocument(input: ComposeInput): OfficialDocument {
  const event = input.events.at(-1);
  const kind = event ? documentKindFor(event) : undefined;
  if (!event || !kind) throw new TypeError(`no document for event ${event?.type ?? '(none)'}`);
  const clock = computeCaseClock(input.events, input.calendar, event.on);
  const before = input.events.length > 1 ? computeCaseClock(input.events.slice(0, -1), input.calendar, event.on) : null;
  // The note on 暂定 goes under a letter only when the letter shows a date marked so (not merely because some
  // deadline of the case, absent from this letter, falls in a year without a holiday notice).
  let marksProvisional = false;
  const ctx: Context = {
    input,
    event,
    clock,
    before,
    date: (d) => {
      const provisional = isProvisionalDate(input.calendar, d);
      marksProvisional ||= provisional;
      return `${chineseDate(d)}${provisional ? '（暂定）' : ''}`;
    },
    subject: `您于${chineseDate(clock.receivedOn)}向本机关提出的政府信息公开申请（受理编号：${input.case.receiptNumber}）`,
  };
  const draft = TEMPLATES[kind](ctx);
  const contact = [
    input.agency.address.trim() && `地址：${input.agency.address.trim()}`,
    input.agency.phone.trim() && `联系电话：${input.agency.phone.trim()}`,
  ].filter(Boolean);
  return {
    kind,
    title: draft.title ?? DOCUMENT_TITLES[kind],
    number: input.number,
    issuedOn: documentIssuedOn(event, input.recordedOn),
    addressee: draft.addressee ?? `${input.case.applicantName}：`,
    body: marksProvisional ? [...draft.body, p(PROVISIONAL_NOTE)] : draft.body,
    signatory: input.agency.name,
    contact: contact.length ? contact.join('　') : null,
    articles: draft.articles,
    forApplicant: draft.forApplicant ?? true,
    provisional: marksProvisional,
  };
}
