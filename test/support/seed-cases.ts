import { deriveForStore } from '../../functions/shared/case-workflow';
import { addDays } from '../../functions/shared/domain/local-date';
import type { LocalDate, RecordedEvent } from '../../functions/shared/domain/model';
import { makeCaseRepository, type CaseRecord } from '../../functions/shared/store/case-repository';
import type { TestSystem } from './local-system';

const SURNAMES = Array.from(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈',
);
const GIVEN = Array.from('伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志永文');
const TOPICS = [
  '道路修缮工程的招标文件',
  '财政预算执行情况',
  '征地补偿安置方案',
  '环境影响评价报告',
  '学校建设规划',
  '低保发放名单',
  '河道治理项目验收报告',
  '集体土地流转合同',
];

/** A resident ID number with a correct GB 11643 check digit for a serial number. */
export function residentId(serial: number): string {
  const body = `410622${1950 + (serial % 50)}0${1 + (serial % 9)}1${serial % 10}${String(serial % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = Array.from(body).reduce((s, d, i) => s + Number(d) * (weights[i] ?? 0), 0);
  return body + '10X98765432'.charAt(sum % 11);
}

/**
 * The i-th generated case of an agency: a distinct name, phone and ID number, a description on one of a few
 * topics, received on a day of 2024 up to `today`; every fifth one replied.
 */
export function generatedCase(i: number, options: { agencyId: string; prefix: string; today: LocalDate }): CaseRecord {
  const receivedOn = addDays('2024-01-02', i % 290);
  const at = `${receivedOn}T02:00:00.000Z`;
  const events: RecordedEvent[] = [
    { seq: 1, at, actor: 'applicant', event: { type: 'received', on: receivedOn, channel: 'online' } },
  ];
  const repliedOn = addDays(receivedOn, 10);
  if (i % 5 === 0 && repliedOn <= options.today)
    events.push({
      seq: 2,
      at: `${repliedOn}T02:00:00.000Z`,
      actor: 'staff',
      event: { type: 'replied', on: repliedOn, outcome: 'disclosed', summary: '予以公开' },
    });
  // Distinct for the first 50 × 35 × 35 cases.
  const name = `${SURNAMES[i % 50]}${GIVEN[Math.floor(i / 50) % 35]}${GIVEN[Math.floor(i / 1750) % 35]}`;
  return {
    caseId: `seed-${options.agencyId}-${String(i).padStart(6, '0')}`,
    agencyId: options.agencyId,
    receiptNumber: `${options.prefix}-2024-${String(900000 + i)}`,
    version: events.length,
    channel: 'online',
    applicant: {
      type: 'natural_person',
      name,
      idType: 'resident_id',
      idNumber: residentId(i),
      phone: `139${String(10000000 + i * 37).slice(-8)}`,
      email: `applicant${i}@example.cn`,
    },
    information: { description: `请公开第${i}号：${TOPICS[i % TOPICS.length]}` },
    delivery: { form: 'electronic', method: 'email' },
    receivedOn,
    trackingCodeHash: '0'.repeat(64),
    events,
    createdAt: at,
    updatedAt: events.at(-1)?.at ?? at,
  };
}

/** Writes records through the case repository (the items it writes in production), `concurrency` at a time. */
export async function seedCases(t: TestSystem, records: readonly CaseRecord[], today: LocalDate, concurrency = 16) {
  const repository = makeCaseRepository(t.system.clients.document, t.system.tableName);
  let next = 0;
  const worker = async () => {
    while (next < records.length) {
      const record = records[next++];
      if (record) await repository.create(record, deriveForStore(record, today));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
