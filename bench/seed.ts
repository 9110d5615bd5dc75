/**
 * Seeding shared by the benchmarks: the benchmark agency, generated cases, the exact items the case repository
 * writes for them, and a batched writer (BatchWriteItem, 25 items a request).
 */
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { deriveForStore } from '../functions/shared/case-workflow';
import { addDays } from '../functions/shared/domain/local-date';
import { APPLICANT_TYPES, OUTCOME_CODES, type LocalDate, type RecordedEvent } from '../functions/shared/domain/model';
import { makeCaseRepository, type CaseRecord } from '../functions/shared/store/case-repository';

/** The agency every benchmark seeds its cases into. */
export const AGENCY = {
  agencyId: 'bench-agency',
  name: '基准测试县人民政府',
  receiptPrefix: 'BCH',
  officeEmail: 'office@bench.example.gov.cn',
  headEmail: 'head@bench.example.gov.cn',
  letterPrefix: '基准公开',
  reviewOrgan: '基准测试市人民政府',
  court: '基准测试县人民法院',
  address: '基准测试县人民路1号',
  phone: '0000-0000000',
};

/**
 * One case of the agency: received between 2023-12-01 and 2024-12-31; most replied within ~30 days (so a few
 * close after `today`'s year), `openShare` (default 2 %) still open.
 */
export function makeCase(i: number, random: () => number, today: LocalDate, openShare = 0.02): CaseRecord {
  const receivedOn = addDays('2023-12-01', Math.floor(random() * 397));
  const caseId = `bench-${String(i).padStart(7, '0')}`;
  const at = `${receivedOn}T02:00:00.000Z`;
  const events: RecordedEvent[] = [
    { seq: 1, at, actor: 'applicant', event: { type: 'received', on: receivedOn, channel: 'online' } },
  ];
  if (random() >= openShare) {
    const outcome = OUTCOME_CODES[Math.floor(random() * OUTCOME_CODES.length)] ?? 'disclosed';
    const on = addDays(receivedOn, 5 + Math.floor(random() * 25));
    if (on <= today)
      events.push({
        seq: 2,
        at: `${on}T02:00:00.000Z`,
        actor: 'staff@bench-agency',
        event:
          outcome === 'other.supplement_overdue' || outcome === 'other.fee_unpaid'
            ? { type: 'closed_automatically', on, outcome }
            : { type: 'replied', on, outcome, summary: '已答复' },
      });
  }
  return {
    caseId,
    agencyId: AGENCY.agencyId,
    receiptNumber: `BCH-${receivedOn.slice(0, 4)}-${String(i).padStart(6, '0')}`,
    version: events.length,
    channel: 'online',
    applicant: {
      type: APPLICANT_TYPES[Math.floor(random() * APPLICANT_TYPES.length)] ?? 'natural_person',
      name: '张三',
      idType: 'resident_id',
      idNumber: '11010519491231002X',
      phone: '13812345678',
      email: 'applicant@example.cn',
    },
    information: { description: '请公开本县2024年道路修缮工程的招标文件' },
    delivery: { form: 'electronic', method: 'email' },
    receivedOn,
    trackingCodeHash: '0'.repeat(64),
    events,
    createdAt: at,
    updatedAt: events.at(-1)?.at ?? at,
  };
}

/** The exact item the case repository writes for a record (captured from its PutCommand). */
export function itemBuilder(
  tableName: string,
  today: LocalDate,
): (record: CaseRecord) => Promise<Record<string, unknown>> {
  let captured: Record<string, unknown> | undefined;
  const capturing = {
    send: (command: { input: { Item?: Record<string, unknown> } }) => {
      captured = command.input.Item;
      return Promise.resolve({});
    },
  } as unknown as DynamoDBDocumentClient;
  const repository = makeCaseRepository(capturing, tableName);
  return async (record) => {
    await repository.create(record, deriveForStore(record, today));
    if (!captured) throw new Error('the repository wrote no item');
    return captured;
  };
}

/** Writes the items 25 per BatchWriteItem, `concurrency` batches in flight, retrying unprocessed items. */
export async function batchWrite(
  client: DynamoDBDocumentClient,
  tableName: string,
  items: Record<string, unknown>[],
  concurrency: number,
): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  let written = 0;
  const worker = async (): Promise<void> => {
    while (next < batches.length) {
      let requests = (batches[next++] ?? []).map((Item) => ({ PutRequest: { Item } }));
      while (requests.length > 0) {
        const { UnprocessedItems } = await client.send(
          new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
        );
        requests = (UnprocessedItems?.[tableName] ?? []) as typeof requests;
      }
      written += 25;
      if (written % 10_000 === 0) process.stderr.write(`  seeded ${written}\n`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
