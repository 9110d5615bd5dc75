import { PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './query-all';

/** An open case whose dates or provisional mark a calendar change moved (design.md §9: the console lists them). */
export interface MovedCase {
  caseId: string;
  receiptNumber: string;
  agencyId: string;
  before: { replyDue: string | null; provisional: boolean };
  after: { replyDue: string | null; provisional: boolean };
}

/** Where the recompute after a year's notice stands (`GET /v1/admin/calendars/{year}/recompute`). */
export interface RecomputeStatus {
  year: number;
  version: number;
  previousVersion: number;
  /**
   * queued (the job is being started), running (its agencies are known), done, failed (an agency failed every
   * retry), not_started (the job could not be started: the next notice of the year is compared with the one before).
   */
  status: 'queued' | 'running' | 'done' | 'failed' | 'not_started';
  queuedAt: string;
  /** How many agencies the job covers (once planned) and how many are done. */
  agencies: { total: number | null; done: number; failed: string[] };
  /** The cases that moved, agency by agency (at most `MAX_LISTED` per agency; `movedCount` counts them all). */
  moved: MovedCase[];
  movedCount: number;
}

/** The moved cases listed per agency item (an item stays far below DynamoDB's 400 KB). */
const MAX_LISTED = 1000;

const pk = (year: number, version: number) => `RECOMPUTE#${year}#V${String(version).padStart(6, '0')}`;
const HEAD = 'HEAD';

/**
 * The recompute after a year's holiday notice was stored (issue 15): one partition per year and version, a head
 * item (queued → running → done or failed) and one item per agency with the cases that moved there. Written by
 * the administration (queued) and by the per-agency job's steps; read by the console while it waits.
 */
export function makeRecomputeRepository(client: DynamoDBDocumentClient, tableName: string) {
  return {
    async queued(change: { year: number; version: number; previousVersion: number }, at: string): Promise<void> {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { pk: pk(change.year, change.version), sk: HEAD, ...change, status: 'queued', queuedAt: at },
        }),
      );
    },
    /** The job knows its agencies. */
    async planned(year: number, version: number, agencies: number): Promise<void> {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: pk(year, version), sk: HEAD },
          UpdateExpression: 'SET #status = :running, agencies = :n',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':running': 'running', ':n': agencies },
        }),
      );
    },
    /** One agency is done (written again, the same, when a step is retried). */
    async agencyDone(year: number, version: number, agencyId: string, moved: MovedCase[], at: string) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            pk: pk(year, version),
            sk: `AGENCY#${agencyId}`,
            agencyId,
            moved: moved.slice(0, MAX_LISTED),
            movedCount: moved.length,
            at,
          },
        }),
      );
    },
    /** The job could not be started. */
    async notStarted(year: number, version: number): Promise<void> {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: pk(year, version), sk: HEAD },
          UpdateExpression: 'SET #status = :status',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':status': 'not_started' },
        }),
      );
    },
    async finished(year: number, version: number, failed: string[]): Promise<void> {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: pk(year, version), sk: HEAD },
          UpdateExpression: 'SET #status = :status, failedAgencies = :failed',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':status': failed.length ? 'failed' : 'done', ':failed': failed },
        }),
      );
    },
    async get(year: number, version: number): Promise<RecomputeStatus | undefined> {
      const items = await queryAll(client, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk(year, version) },
        ConsistentRead: true,
      });
      const head = items.find((i) => i.sk === HEAD);
      return head
        ? statusOf(
            year,
            version,
            head,
            items.filter((i) => i.sk !== HEAD),
          )
        : undefined;
    },
  };
}
export type RecomputeRepository = ReturnType<typeof makeRecomputeRepository>;

/** The status from the head item and the agencies' items (shared by the repository and its twin). */
function statusOf(
  year: number,
  version: number,
  head: Record<string, unknown>,
  done: readonly Record<string, unknown>[],
): RecomputeStatus {
  return {
    year,
    version,
    previousVersion: Number(head.previousVersion),
    status: head.status as RecomputeStatus['status'],
    queuedAt: String(head.queuedAt),
    agencies: {
      total: typeof head.agencies === 'number' ? head.agencies : null,
      done: done.length,
      failed: (head.failedAgencies as string[] | undefined) ?? [],
    },
    moved: done.flatMap((i) => (i.moved as MovedCase[] | undefined) ?? []),
    movedCount: done.reduce((sum, i) => sum + Number(i.movedCount ?? 0), 0),
  };
}

/** The in-memory twin of {@link makeRecomputeRepository}, same behaviour, for unit tests. */
export function makeInMemoryRecomputeRepository(): RecomputeRepository {
  const partitions = new Map<string, Map<string, Record<string, unknown>>>();
  const partition = (year: number, version: number) => {
    const key = pk(year, version);
    let items = partitions.get(key);
    if (!items) partitions.set(key, (items = new Map()));
    return items;
  };
  const headOf = (year: number, version: number) => {
    const head = partitions.get(pk(year, version))?.get(HEAD);
    if (!head) throw Object.assign(new Error('no recompute'), { name: 'ConditionalCheckFailedException' });
    return head;
  };
  return {
    async queued(change, at) {
      partition(change.year, change.version).set(HEAD, { ...change, status: 'queued', queuedAt: at });
    },
    async planned(year, version, agencies) {
      Object.assign(headOf(year, version), { status: 'running', agencies });
    },
    async agencyDone(year, version, agencyId, moved, at) {
      partition(year, version).set(`AGENCY#${agencyId}`, {
        agencyId,
        moved: structuredClone(moved.slice(0, MAX_LISTED)),
        movedCount: moved.length,
        at,
      });
    },
    async notStarted(year, version) {
      partition(year, version).set(HEAD, { ...partition(year, version).get(HEAD), status: 'not_started' });
    },
    async finished(year, version, failed) {
      const head = partition(year, version).get(HEAD) ?? {};
      partition(year, version).set(HEAD, {
        ...head,
        status: failed.length ? 'failed' : 'done',
        failedAgencies: [...failed],
      });
    },
    async get(year, version) {
      const items = partitions.get(pk(year, version));
      const head = items?.get(HEAD);
      if (!items || !head) return undefined;
      const done = [...items].filter(([sk]) => sk !== HEAD).sort(([a], [b]) => a.localeCompare(b));
      return structuredClone(
        statusOf(
          year,
          version,
          head,
          done.map(([, item]) => item),
        ),
      );
    },
  };
}
