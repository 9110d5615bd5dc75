/**
 * `gongkai demo`: a fresh local system under the virtual clock, filled through the public HTTP API with a
 * realistic 2024 of one town (聂堆镇人民政府) and one county department (西华县自然资源局, created through the
 * admin API): applicants of every kind, online and paper channels, every outcome family, supplements (one
 * answered, one lapsed), extensions, consultations of a third party and of another agency, a fee paid and one
 * left unpaid, a late reply that escalates, a few replies appealed (行政复议, 行政诉讼); the clock runs through the year so reminders, escalations and
 * automatic closes happen on their own, then to 2 January 2025 (the annual-report schedule), and the reports are
 * generated. Only the domain's constants are borrowed: every change goes through the API.
 */
import { addWorkingDays, defaultCalendar } from '../functions/shared/domain/calendar';
import { creditCodeCheckChar, isValidCreditCode, residentIdCheckDigit } from '../functions/shared/domain/identity';
import { APPLICANT_TYPES, OUTCOME_CODES, type ApplicantType, type OutcomeCode } from '../functions/shared/domain/model';
import type { LocalSystem } from './runtime';

export const DEMO_YEAR = 2024;
/** The virtual clock starts on the first working morning of the year. */
export const DEMO_START = '2024-01-02T08:30:00+08:00';
export const DEMO_TOWN = 'niedui-town';
export const DEMO_DEPARTMENT = 'xihua-zrzy';

const DEPARTMENT = {
  name: '西华县自然资源局',
  receiptPrefix: 'XZR',
  letterPrefix: '西自然资公开',
  officeEmail: 'gongkai@zrzy.xihua.example.gov.cn',
  headEmail: 'juzhang@zrzy.xihua.example.gov.cn',
  reviewOrgan: '西华县人民政府',
  court: '西华县人民法院',
  address: '河南省周口市西华县青华路36号',
  phone: '0394-2542100',
  parentAgencyId: 'xihua-county',
};

type Story =
  | 'reply'
  | 'supplemented'
  | 'supplement_lapsed'
  | 'extended'
  | 'third_party'
  | 'other_agency'
  | 'fee_paid'
  | 'fee_lapsed'
  | 'late_reply'
  | 'open_at_year_end';

/** The mix of a year: most are replied within the period; each special path at least once per agency. */
const STORIES: readonly Story[] = [
  'reply',
  'supplemented',
  'reply',
  'extended',
  'third_party',
  'reply',
  'supplement_lapsed',
  'fee_paid',
  'reply',
  'other_agency',
  'late_reply',
  'reply',
  'fee_lapsed',
  'reply',
];

/** An appeal against a reply (section 四 of the annual report counts them, issue #14), in working days after it. */
interface AppealPlan {
  kind: 'review' | 'litigation_direct' | 'litigation_after_review';
  forum: string;
  filedAfter: number;
  decided?: { result: 'upheld' | 'corrected' | 'other'; after: number };
}

/** The appeals of the demo year: a few replies of the town appealed (two reviews, two lawsuits), one of the department. */
function appealPlans(agencyId: string, index: number, story: Story): AppealPlan[] {
  if (agencyId === DEMO_TOWN && index === 0)
    return [
      { kind: 'litigation_direct', forum: '西华县人民法院', filedAfter: 20, decided: { result: 'upheld', after: 60 } },
    ];
  if (agencyId === DEMO_TOWN && story === 'extended')
    return [
      { kind: 'review', forum: '西华县人民政府', filedAfter: 5, decided: { result: 'upheld', after: 30 } },
      { kind: 'litigation_after_review', forum: '周口市中级人民法院', filedAfter: 45 },
    ];
  if (agencyId === DEMO_TOWN && story === 'late_reply')
    return [{ kind: 'review', forum: '西华县人民政府', filedAfter: 10, decided: { result: 'corrected', after: 45 } }];
  if (agencyId === DEMO_DEPARTMENT && story === 'late_reply')
    return [{ kind: 'review', forum: '西华县人民政府', filedAfter: 15 }];
  return [];
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙'];
const GIVEN = ['秀英', '建国', '丽娟', '志强', '桂兰', '海涛', '春梅', '国庆', '玉兰', '永刚', '红霞', '文华'];
const ORGANISATIONS: Record<Exclude<ApplicantType, 'natural_person'>, string[]> = {
  commercial_enterprise: ['西华县恒达建材有限公司', '周口市丰禾农业科技有限公司'],
  research_institution: ['河南省农业科学院经济作物研究所', '周口师范学院地方治理研究中心'],
  social_welfare_org: ['西华县助农公益服务中心', '周口市绿色家园环保志愿者协会'],
  legal_service_org: ['河南正平律师事务所', '西华县城关法律服务所'],
  other_org: ['聂堆镇幸福村村民委员会', '西华县个体劳动者协会'],
};
const REQUESTS: Record<string, string[]> = {
  [DEMO_TOWN]: [
    '请公开聂堆镇2024年农村道路修缮工程的招标公告和中标结果。',
    '请公开聂堆镇2023年度惠农补贴资金的发放名单和标准。',
    '请公开聂堆镇幸福村土地流转合同的备案情况。',
    '请公开聂堆镇2024年人居环境整治专项资金的使用明细。',
    '请公开聂堆镇小学校舍改造项目的验收报告。',
  ],
  [DEMO_DEPARTMENT]: [
    '请公开西华县2024年国有建设用地供应计划。',
    '请公开西华县城区某地块的土地征收批复文件及征收补偿安置方案。',
    '请公开西华县2023年度耕地占补平衡项目的验收材料。',
    '请公开西华县国土空间总体规划（2021—2035年）的批复文件。',
    '请公开西华县某采矿权出让的评估报告和出让合同。',
  ],
};
const PAPER_CHANNELS = ['in_person', 'registered_post', 'ordinary_letter', 'fax'] as const;
/** The outcomes staff choose (the two automatic ones the timeline reaches by itself). */
const STAFF_OUTCOMES = OUTCOME_CODES.filter(
  (code) => code !== 'other.supplement_overdue' && code !== 'other.fee_unpaid',
);

/** A resident ID of a person born in 西华县 (valid check digit). */
function residentId(n: number): string {
  const first17 = `411622${1960 + (n % 40)}${String((n % 12) + 1).padStart(2, '0')}${String((n % 27) + 1).padStart(2, '0')}${String(100 + n).slice(-3)}`;
  return first17 + residentIdCheckDigit(first17);
}

/** A 统一社会信用代码 registered in 西华县 (valid check character). */
function creditCode(n: number): string {
  for (let k = 0; ; k++) {
    const first17 = `91411622MA${String(4000000 + n * 37 + k).slice(-7)}`;
    const code = first17 + creditCodeCheckChar(first17);
    if (isValidCreditCode(code)) return code;
  }
}

function applicantOf(type: ApplicantType, n: number): Record<string, string> {
  const contact = {
    phone: `138${String(37100000 + n * 7919).slice(-8)}`,
    email: `applicant${n}@example.cn`,
    address: `河南省周口市西华县聂堆镇幸福路${n + 1}号`,
  };
  if (type === 'natural_person')
    return {
      type,
      name: `${SURNAMES[n % SURNAMES.length]}${GIVEN[(n * 5) % GIVEN.length]}`,
      idType: 'resident_id',
      idNumber: residentId(n),
      ...contact,
    };
  const names = ORGANISATIONS[type];
  return {
    type,
    name: names[n % names.length] ?? names[0] ?? '',
    idType: 'credit_code',
    idNumber: creditCode(n),
    ...contact,
  };
}

interface Step {
  at: string;
  run: () => Promise<void>;
}

export interface DemoSummary {
  cases: number;
  emails: number;
  agencies: string[];
  reports: { agencyId: string; status: number }[];
}

/**
 * Fills a running local system (started with `virtualClock: new Date(DEMO_START)` and a front) with the demo year
 * through its HTTP API, and leaves the clock at 2 January 2025 with both annual reports generated (the town's
 * published).
 */
export async function fillDemo(
  system: LocalSystem,
  say: (line: string) => void = () => undefined,
): Promise<DemoSummary> {
  const base = (system.urls.web ?? '').replace(/\/$/, '');
  const admin = system.adminToken;
  const api = async <T = Record<string, unknown>>(
    method: string,
    route: string,
    token?: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${base}${route}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
  };
  const must = async <T = Record<string, unknown>>(method: string, route: string, token?: string, body?: unknown) => {
    const answer = await api<T>(method, route, token, body);
    if (answer.status >= 300)
      throw new Error(`演示数据写入失败：${method} ${route} → ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const advanceTo = (instant: string) => must('PUT', '/_local/clock', admin, { now: instant });

  // The county department, through the admin API.
  await must('PUT', `/v1/admin/agencies/${DEMO_DEPARTMENT}`, admin, DEPARTMENT);
  const agencies = [DEMO_TOWN, DEMO_DEPARTMENT];
  const officer = Object.fromEntries(agencies.map((id) => [id, system.tokens.tokenFor(id)]));

  const steps: Step[] = [];
  const at = (date: string, hour: number) => `${date}T${String(hour).padStart(2, '0')}:00:00+08:00`;
  let n = 0;
  let outcomeIndex = 0;
  for (const agencyId of agencies) {
    const token = officer[agencyId] ?? '';
    const stories: Story[] = [...STORIES, 'open_at_year_end', 'open_at_year_end'];
    stories.forEach((story, index) => {
      const k = n++;
      const receivedOn =
        story === 'open_at_year_end'
          ? addWorkingDays(defaultCalendar(), '2024-12-16', index % 5)
          : addWorkingDays(
              defaultCalendar(),
              '2024-01-02',
              3 + Math.floor((index * 200) / STORIES.length) + (agencyId === DEMO_TOWN ? 0 : 2),
            );
      const wd = (days: number) => addWorkingDays(defaultCalendar(), receivedOn, days);
      const type = APPLICANT_TYPES[k % APPLICANT_TYPES.length] ?? 'natural_person';
      const application = {
        agencyId,
        applicant: applicantOf(type, k),
        information: { description: REQUESTS[agencyId]?.[k % 5] ?? '' },
        delivery: k % 3 === 0 ? { form: 'paper', method: 'post' } : { form: 'electronic', method: 'email' },
      };
      const state = { caseId: '', receiptNumber: '', trackingCode: '' };
      const online = k % 4 !== 1;
      steps.push({
        at: at(receivedOn, 10),
        run: async () => {
          if (online) {
            Object.assign(state, await must('POST', '/v1/requests', undefined, application));
          } else {
            const registered = await must<{ case: { caseId: string; receiptNumber: string }; trackingCode: string }>(
              'POST',
              '/v1/cases',
              token,
              { ...application, channel: PAPER_CHANNELS[k % PAPER_CHANNELS.length], receivedOn },
            );
            Object.assign(state, { ...registered.case, trackingCode: registered.trackingCode });
          }
        },
      });
      const act = (
        date: string,
        hour: number,
        action: Record<string, unknown>,
        then?: (body: Record<string, unknown>) => void,
      ) =>
        steps.push({
          at: at(date, hour),
          run: async () => {
            const current = await must<{ case: { version: number } }>('GET', `/v1/cases/${state.caseId}`, token);
            const body = await must('POST', `/v1/cases/${state.caseId}/actions`, token, {
              ...action,
              expectedVersion: current.case.version,
            });
            then?.(body);
          },
        });
      const reply = (date: string) => {
        const outcome: OutcomeCode = STAFF_OUTCOMES[outcomeIndex++ % STAFF_OUTCOMES.length] ?? 'disclosed';
        act(date, 15, {
          type: 'reply',
          outcome,
          summary: '经审查，依据《中华人民共和国政府信息公开条例》作出答复，详见答复书。',
        });
      };
      switch (story) {
        case 'reply':
          reply(wd(8 + (k % 10)));
          break;
        case 'supplemented':
          act(wd(3), 11, {
            type: 'request_supplement',
            items: '请写明所需信息的具体名称、文号或者便于查询的其他特征性描述。',
            periodWorkingDays: 15,
          });
          steps.push({
            at: at(wd(7), 16),
            run: async () =>
              void (await must(
                'POST',
                `/v1/requests/${encodeURIComponent(state.receiptNumber)}/supplement?code=${state.trackingCode}`,
                undefined,
                { text: '所需信息为2024年3月印发的相关通知，文号为聂政〔2024〕12号。' },
              )),
          });
          reply(wd(7 + 12));
          break;
        case 'supplement_lapsed':
          act(wd(4), 11, { type: 'request_supplement', items: '请提供申请人身份证明。', periodWorkingDays: 10 });
          break;
        case 'extended':
          act(wd(17), 11, { type: 'extend', workingDays: 15, approver: '政府信息公开工作机构负责人' });
          reply(wd(28));
          break;
        case 'third_party':
        case 'other_agency': {
          let consultationId = '';
          act(
            wd(5),
            11,
            {
              type: 'start_consultation',
              party: story,
              name: story === 'third_party' ? '西华县恒达建材有限公司' : '西华县财政局',
            },
            (body) => {
              const events = (body as { events?: { event: { consultationId?: string } }[] }).events ?? [];
              consultationId = events.at(-1)?.event.consultationId ?? '';
            },
          );
          steps.push({
            at: at(wd(14), 11),
            run: async () => {
              const current = await must<{ case: { version: number } }>('GET', `/v1/cases/${state.caseId}`, token);
              await must('POST', `/v1/cases/${state.caseId}/actions`, token, {
                type: 'end_consultation',
                consultationId,
                expectedVersion: current.case.version,
              });
            },
          });
          reply(wd(24));
          break;
        }
        case 'fee_paid':
          act(wd(6), 11, { type: 'issue_fee_notice', method: 'by_pages', pages: 180 });
          act(wd(9), 11, { type: 'fee_paid' });
          reply(wd(15));
          break;
        case 'fee_lapsed':
          act(wd(6), 11, { type: 'issue_fee_notice', method: 'by_pages', pages: 260 });
          break;
        case 'late_reply':
          reply(wd(23)); // three working days overdue: the head gets the escalations first
          break;
        case 'open_at_year_end':
          break;
      }
      // Appeals against the reply, each step inside the demo year (the clock ends on 2 January 2025).
      const replyDay =
        story === 'reply' ? wd(8 + (k % 10)) : story === 'extended' ? wd(28) : story === 'late_reply' ? wd(23) : '';
      for (const plan of replyDay ? appealPlans(agencyId, index, story) : []) {
        const filedOn = addWorkingDays(defaultCalendar(), replyDay, plan.filedAfter);
        if (filedOn > '2024-12-27') continue;
        let appealId = '';
        steps.push({
          at: at(filedOn, 14),
          run: async () => {
            const filed = await must<{ appealId: string }>('POST', `/v1/cases/${state.caseId}/appeals`, token, {
              kind: plan.kind,
              forum: plan.forum,
              filedOn,
            });
            appealId = filed.appealId;
          },
        });
        const decidedOn = plan.decided ? addWorkingDays(defaultCalendar(), filedOn, plan.decided.after) : '';
        if (!plan.decided || decidedOn > '2024-12-27') continue;
        const result = plan.decided.result;
        steps.push({
          at: at(decidedOn, 14),
          run: async () =>
            void (await must('POST', `/v1/cases/${state.caseId}/appeals/${appealId}/result`, token, {
              result,
              decidedOn,
            })),
        });
      }
    });
  }
  steps.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  say(`正在按虚拟时钟回放 ${DEMO_YEAR} 年的 ${n} 件申请（${steps.length} 个办理步骤）…`);
  let month = '';
  for (const step of steps) {
    await advanceTo(step.at);
    await step.run();
    if (step.at.slice(0, 7) !== month) {
      month = step.at.slice(0, 7);
      say(`  ${month.replace('-', ' 年 ')} 月`);
    }
  }
  // Through the rest of the year: reminders, escalations and lapses on their own; the annual-report schedule
  // (2 January, 02:00) generates every agency's draft.
  await advanceTo('2025-01-02T09:00:00+08:00');

  const yearData = (licensing: number, narrative: string) => ({
    activeDisclosure: {
      regulations: { issued: 0, repealed: 0, inForce: 0 },
      normativeDocuments: { issued: 2, repealed: 0, inForce: 2 },
      licensingDecisions: licensing,
      penaltyDecisions: 3,
      enforcementDecisions: 0,
      feesCollectedTenThousandYuan: 0,
    },
    reviewAndLitigation: {
      review: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
      litigationDirect: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
      litigationAfterReview: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
    },
    narrative: { overview: narrative, problems: '个别申请答复超过法定期限，已整改。', other: '无。' },
  });
  const reports: { agencyId: string; status: number }[] = [];
  for (const agencyId of agencies) {
    const token = officer[agencyId] ?? '';
    await must(
      'PUT',
      `/v1/agencies/${agencyId}/years/${DEMO_YEAR}`,
      token,
      yearData(
        agencyId === DEMO_TOWN ? 69 : 214,
        `${DEMO_YEAR}年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，依法办理政府信息公开申请。`,
      ),
    );
    await must('POST', `/v1/agencies/${agencyId}/reports/${DEMO_YEAR}`, token);
  }
  // The town publishes; the department's stays a draft for the visitor to review and publish.
  const published = await api('POST', `/v1/agencies/${DEMO_TOWN}/reports/${DEMO_YEAR}/publish`, officer[DEMO_TOWN]);
  reports.push({ agencyId: DEMO_TOWN, status: published.status });
  const emails = await must<unknown[]>('GET', '/_local/emails', admin);
  return { cases: n, emails: emails.length, agencies, reports };
}
