import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { queryAll, type QueryInput } from './query-all';
import type { ReportCase } from '../domain/annual-report/types';
import type { DeskLog } from '../domain/desk';
import type {
  ApplicantType,
  Channel,
  DeliveryForm,
  DeliveryMethod,
  IdType,
  LocalDate,
  OutcomeCode,
  RecordedEvent,
} from '../domain/model';
import { outboxIndexAttributes, type Notice } from './outbox-repository';

/** The applicant's personal data (Art. 29). Shown only to the applicant (tracking code) and to the agency's staff. */
export interface Applicant {
  type: ApplicantType;
  name: string;
  idType: IdType;
  idNumber: string;
  phone: string;
  email?: string;
  address?: string;
}

/** One application and its whole life: the item carries its version and its append-only event log. */
export interface CaseRecord {
  caseId: string;
  agencyId: string;
  receiptNumber: string;
  version: number;
  channel: Channel;
  applicant: Applicant;
  information: { description: string; documentNumber?: string; supplements?: { on: LocalDate; text: string }[] };
  delivery: { form: DeliveryForm; method: DeliveryMethod };
  receivedOn: LocalDate;
  /** SHA-256 of the applicant's tracking code; the code itself is never stored. */
  trackingCodeHash: string;
  clientToken?: string;
  events: RecordedEvent[];
  /**
   * Notices recorded with a change and not yet taken over by the outbox sender (notify/outbox.ts). They may
   * carry a tracking code: never shown, and gone once the sender has its own record of them.
   */
  outbox?: Notice[];
  /** The internal desk log (assignee, notes, extension requests): staff only, never shown to the applicant. */
  desk?: DeskLog;
  createdAt: string;
  updatedAt: string;
}

/** What the domain derived for the indexes when the case was last written (never typed in by a person). */
export interface CaseDerived {
  open: boolean;
  status: string;
  /** Current reply deadline (work list order); absent while the clock cannot run (awaiting supplement/fee). */
  replyDue?: LocalDate;
  /** The date the work list sorts by when `replyDue` is absent (e.g. the supplement or fee deadline). */
  sortDue: LocalDate;
  closedOn?: LocalDate;
  outcome?: OutcomeCode;
  /** Fee notices for section 六 of the annual report. */
  feeNotices: { sentOn: LocalDate; amountYuan: number; paidOn?: LocalDate }[];
  /**
   * The applicant's name for the work list (`workListName`): a person's masked, an organisation's in full (the
   * field keeps its name of the API).
   */
  maskedName: string;
  maskedIdNumber: string;
  /** A keyed hash of the applicant's identity: counts an applicant's applications (fees by count) without personal data. */
  applicantKey: string;
  /** Keyed hashes (never the clear values) the desk searches by (design.md §9 "Search"). */
  searchHashes: { name: string; phone: string; idNumber: string };
  /** The description (personal numbers in it masked) and an organisation's name, as searched by words. */
  searchText: string;
  /** The officer the case is assigned to. */
  assignee?: string;
  /** Whether an extension request awaits the head's decision. */
  extensionPending: boolean;
  /** Something that arrived and awaits the office's next step (the last event is a supplement or an opinion). */
  arrival?: CaseArrival;
}

/** What arrived on a case (design.md §9: shown in the work list and told in the office's digest). */
export interface CaseArrival {
  kind: 'supplement' | 'consultation_opinion';
  on: LocalDate;
  /** The applicant supplemented online (not recorded by staff). */
  byApplicant?: boolean;
}

/** The projection the annual report reads through the year indexes (no personal data): the domain's `ReportCase`. */
export type ReportView = ReportCase & {
  /** For counting an applicant's applications in a month (fees by count). */
  applicantKey?: string;
};

/** The projection the work list reads through the open-cases index (masked personal data only). */
export interface ListView {
  agencyId: string;
  applicantType: ApplicantType;
  /** A person's name masked, an organisation's in full (`workListName`). */
  maskedName: string;
  maskedIdNumber: string;
  receivedOn: LocalDate;
  channel: Channel;
  status: string;
  replyDue?: LocalDate;
  sortDue: LocalDate;
  closedOn?: LocalDate;
  outcome?: OutcomeCode;
  assignee?: string;
  extensionPending?: boolean;
  arrival?: CaseArrival;
}

/** A work-list row: the list view with the case's id, receipt number and version. */
export type ListRow = ListView & { caseId: string; receiptNumber: string; version: number };

/** One page of a list: its rows and the cursor of the next page (absent on the last page). */
export interface Page<T> {
  rows: T[];
  nextCursor?: string;
}

/** A `cursor` that this list did not hand out (400 at the edge). */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  constructor() {
    super('分页游标无效，请从第一页重新查询');
  }
}

/** The work-list filters the open-case indexes answer (design.md §9 "Paging"). */
export interface OpenListFilter {
  /** A case status of the domain, or `extension_pending` (the head's list of requests awaiting a decision). */
  status?: string;
  assignee?: string;
  /** Only cases whose work-list date (reply due, or the supplement/fee date) is before this day. */
  dueBefore?: LocalDate;
  /** Only cases whose reply due date is before this day (overdue on it). */
  overdueOn?: LocalDate;
}

/** An idempotency token as stored: the case it is for, per-field hashes of the body, the holder's lease. */
export interface ClientTokenRecord {
  /** The id the token is bound to: the case's (an application), or the appeal's (an appeal's token, client-token.ts). */
  caseId: string;
  fingerprint: Record<string, string>;
  /** Real-time instant (ms) until which the holder may still write the case. */
  leaseUntil: number;
}

export class VersionConflictError extends Error {
  override readonly name = 'VersionConflictError';
  constructor(
    readonly caseId: string,
    readonly currentVersion: number | undefined,
  ) {
    super(`案件 ${caseId} 已被他人修改（当前版本 ${currentVersion ?? '未知'}），请刷新后重试`);
  }
}

const caseKey = (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'CASE' });
const counterKey = (agencyId: string, year: number) => ({ pk: `COUNTER#${agencyId}`, sk: `RECEIPT#${year}` });
const tokenKey = (agencyId: string, clientToken: string) => ({ pk: `TOKEN#${agencyId}`, sk: `TOKEN#${clientToken}` });
const isConditionFailure = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

/** The record with `notices` added to its outbox (a key already listed is kept as it was). */
function withNotices(record: CaseRecord, notices: readonly Notice[]): CaseRecord {
  if (!notices.length) return record;
  const listed = record.outbox ?? [];
  const fresh = notices.filter((n) => !listed.some((l) => l.key === n.key));
  return { ...record, outbox: [...listed, ...fresh] };
}

/** The indexes of the applicant's keyed hashes (design.md §9 "Search": never an index of clear numbers). */
const APPLICANT_HASH_INDEXES = {
  name: { indexName: 'byApplicantName', attribute: 'nameHash' },
  phone: { indexName: 'byApplicantPhone', attribute: 'phoneHash' },
  idNumber: { indexName: 'byApplicantId', attribute: 'idHash' },
} as const;

/** The item: the record plus the sparse index attributes derived from `derived` (and the outbox's, if it lists notices). */
function toItem(record: CaseRecord, derived: CaseDerived): Record<string, unknown> {
  const reportView: ReportView = {
    caseId: record.caseId,
    receiptNumber: record.receiptNumber,
    agencyId: record.agencyId,
    applicantType: record.applicant.type,
    receivedOn: record.receivedOn,
    ...(derived.closedOn ? { closedOn: derived.closedOn } : {}),
    ...(derived.outcome ? { outcome: derived.outcome } : {}),
    ...(derived.feeNotices.length ? { feeNotices: derived.feeNotices } : {}),
    applicantKey: derived.applicantKey,
  };
  const listView: ListView = {
    agencyId: record.agencyId,
    applicantType: record.applicant.type,
    maskedName: derived.maskedName,
    maskedIdNumber: derived.maskedIdNumber,
    receivedOn: record.receivedOn,
    channel: record.channel,
    status: derived.status,
    ...(derived.replyDue ? { replyDue: derived.replyDue } : {}),
    sortDue: derived.sortDue,
    ...(derived.closedOn ? { closedOn: derived.closedOn } : {}),
    ...(derived.outcome ? { outcome: derived.outcome } : {}),
    ...(derived.assignee ? { assignee: derived.assignee } : {}),
    ...(derived.extensionPending ? { extensionPending: true } : {}),
    ...(derived.arrival ? { arrival: derived.arrival } : {}),
  };
  // Cases due the same day in the order of their receipt numbers (the work list reads 按期限先后排列; officers
  // expect ties by number, not by the random case id). Rows written before keep theirs until their next write.
  const openDueKey = `${derived.sortDue}#${record.receiptNumber}`;
  return {
    ...caseKey(record.caseId),
    ...record,
    status: derived.status,
    reportView,
    listView,
    caseAgencyId: record.agencyId,
    receivedKey: `${record.receivedOn}#${record.caseId}`,
    searchText: derived.searchText,
    idHash: derived.searchHashes.idNumber,
    phoneHash: derived.searchHashes.phone,
    nameHash: derived.searchHashes.name,
    ...(derived.open
      ? {
          openAgencyId: record.agencyId,
          openDueKey,
          openStatusKey: `${record.agencyId}#${derived.status}`,
          ...(derived.assignee ? { openAssigneeKey: `${record.agencyId}#${derived.assignee}` } : {}),
          ...(derived.extensionPending ? { extensionAgencyId: record.agencyId } : {}),
        }
      : { closedAgencyId: record.agencyId, closedKey: `${derived.closedOn ?? ''}#${record.receiptNumber}` }),
    // Real time: the outbox sweeper works on real time (notify/outbox.ts), whatever the system clock says.
    ...(record.outbox?.length ? outboxIndexAttributes(caseKey(record.caseId).pk, Date.now()) : {}),
  };
}

/** The attributes an item carries only for the indexes (stripped when it is read back as a record). */
const INDEX_ATTRIBUTES = [
  'pk',
  'sk',
  'status',
  'reportView',
  'listView',
  'caseAgencyId',
  'receivedKey',
  'openAgencyId',
  'openDueKey',
  'openStatusKey',
  'openAssigneeKey',
  'extensionAgencyId',
  'closedAgencyId',
  'closedKey',
  'outboxShard',
  'outboxDue',
  'searchText',
  'idHash',
  'phoneHash',
  'nameHash',
] as const;

function toRecord(item: Record<string, unknown>): CaseRecord {
  const record = { ...item };
  for (const name of INDEX_ATTRIBUTES) delete record[name];
  return record as unknown as CaseRecord;
}

/** A work-list row from an index item that projects the list view. */
const toListRow = (item: Record<string, unknown>): ListRow => ({
  ...(item.listView as ListView),
  caseId: String(item.caseId),
  receiptNumber: String(item.receiptNumber),
  version: Number(item.version),
});

/**
 * Items by key in batches of 100 (BatchGetItem), retrying what DynamoDB leaves unprocessed; `projection` limits the
 * attributes read (the keys always come back). Order is not kept.
 */
async function batchGet(
  client: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly { pk: string; sk: string }[],
  projection?: string,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[]; ProjectionExpression?: string }> | undefined = {
      [tableName]: {
        Keys: keys.slice(i, i + 100).map(({ pk, sk }) => ({ pk, sk })),
        ...(projection ? { ProjectionExpression: `pk, sk, ${projection}` } : {}),
      },
    };
    while (request && Object.keys(request).length > 0) {
      const answer = await client.send(new BatchGetCommand({ RequestItems: request }));
      items.push(...(answer.Responses?.[tableName] ?? []));
      request = answer.UnprocessedKeys as typeof request;
    }
  }
  return items;
}

/** The opaque cursor of a page: the index it pages and the key to start after. */
function encodeCursor(indexName: string, key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify({ i: indexName, k: key }), 'utf8').toString('base64url');
}

function decodeCursor(indexName: string, cursor: string | undefined): Record<string, unknown> | undefined {
  if (cursor === undefined) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { i?: unknown; k?: unknown };
    const key = parsed.k;
    if (parsed.i !== indexName || typeof key !== 'object' || key === null || Array.isArray(key))
      throw new InvalidCursorError();
    if (!Object.values(key).every((v) => typeof v === 'string')) throw new InvalidCursorError();
    return key as Record<string, unknown>;
  } catch {
    throw new InvalidCursorError();
  }
}

/**
 * One page of at most `limit` items of an index query (with an optional filter), in index order, and the
 * cursor after its last item. Reads `limit` index entries per round until the page is full, so a filter
 * costs extra reads only in the range it skips; a round that overshoots is cut and the cursor is built from
 * the last kept item's keys (table and index keys, as DynamoDB's own `LastEvaluatedKey`).
 */
async function queryPage(
  client: DynamoDBDocumentClient,
  input: QueryInput & { IndexName: string },
  indexKeys: readonly string[],
  limit: number,
  cursor: string | undefined,
): Promise<Page<Record<string, unknown>>> {
  const rows: Record<string, unknown>[] = [];
  let startKey = decodeCursor(input.IndexName, cursor);
  for (;;) {
    const page = await client.send(new QueryCommand({ ...input, Limit: limit, ExclusiveStartKey: startKey }));
    const items = (page.Items ?? []) as Record<string, unknown>[];
    const room = limit - rows.length;
    if (items.length > room) {
      rows.push(...items.slice(0, room));
      const last = rows[rows.length - 1] ?? {};
      const key = Object.fromEntries(['pk', 'sk', ...indexKeys].map((name) => [name, last[name]]));
      return { rows, nextCursor: encodeCursor(input.IndexName, key) };
    }
    rows.push(...items);
    startKey = page.LastEvaluatedKey;
    if (!startKey) return { rows };
    if (rows.length === limit) return { rows, nextCursor: encodeCursor(input.IndexName, startKey) };
  }
}

/** The open-case index answering a work-list filter, its partition value and the filter it leaves to apply. */
function openIndexFor(agencyId: string, filter: OpenListFilter) {
  const byStatus = filter.status && filter.status !== 'extension_pending';
  if (filter.assignee)
    return {
      indexName: 'openByAssignee',
      partition: ['openAssigneeKey', `${agencyId}#${filter.assignee}`] as const,
      statusFilter: filter.status,
    };
  if (filter.status === 'extension_pending')
    return { indexName: 'pendingExtensions', partition: ['extensionAgencyId', agencyId] as const };
  if (byStatus)
    return { indexName: 'openByStatus', partition: ['openStatusKey', `${agencyId}#${filter.status}`] as const };
  return { indexName: 'openByDue', partition: ['openAgencyId', agencyId] as const };
}

/**
 * Cases in DynamoDB. Every change of a case is one conditional write of the whole item on its version
 * (no transactions: the local DynamoDB has none, and one-item writes are simpler to reason about).
 */
export function makeCaseRepository(client: DynamoDBDocumentClient, tableName: string) {
  /** The table key of the case with this receipt number (through the `byReceiptNumber` index). */
  const keyOfReceiptNumber = async (receiptNumber: string): Promise<{ pk: unknown; sk: unknown } | undefined> => {
    const { Items } = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'byReceiptNumber',
        KeyConditionExpression: 'receiptNumber = :r',
        ExpressionAttributeValues: { ':r': receiptNumber },
      }),
    );
    const key = Items?.[0];
    return key ? { pk: key.pk, sk: key.sk } : undefined;
  };
  return {
    async get(caseId: string): Promise<CaseRecord | undefined> {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: caseKey(caseId), ConsistentRead: true }),
      );
      return Item ? toRecord(Item) : undefined;
    },

    async findByReceiptNumber(receiptNumber: string): Promise<CaseRecord | undefined> {
      const key = await keyOfReceiptNumber(receiptNumber);
      if (!key) return undefined;
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: { pk: key.pk, sk: key.sk }, ConsistentRead: true }),
      );
      return Item ? toRecord(Item) : undefined;
    },

    /** The work-list row of a receipt number, if that case belongs to the agency. */
    async listRowByReceiptNumber(agencyId: string, receiptNumber: string): Promise<ListRow | undefined> {
      const key = await keyOfReceiptNumber(receiptNumber);
      if (!key) return undefined;
      const { Item } = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: { pk: key.pk, sk: key.sk },
          ProjectionExpression: 'caseId, receiptNumber, version, listView',
        }),
      );
      return Item && (Item.listView as ListView).agencyId === agencyId ? toListRow(Item) : undefined;
    },

    /** Writes a new case (version 1) and the notices it causes (outbox, same write); fails if the id exists. */
    async create(record: CaseRecord, derived: CaseDerived, notices: readonly Notice[] = []): Promise<void> {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: toItem(withNotices(record, notices), derived),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },

    /**
     * Replaces the case if its stored version is `record.version - 1`, with the notices the change causes
     * in its outbox (the same write); else `VersionConflictError`.
     */
    async update(record: CaseRecord, derived: CaseDerived, notices: readonly Notice[] = []): Promise<void> {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: toItem(withNotices(record, notices), derived),
            ConditionExpression: 'version = :expected',
            ExpressionAttributeValues: { ':expected': record.version - 1 },
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const current = await this.get(record.caseId);
        throw new VersionConflictError(record.caseId, current?.version);
      }
    },

    /** Rewrites what the domain derived (index attributes) without a new version: one write, conditional on the version. */
    async refreshDerived(record: CaseRecord, derived: CaseDerived): Promise<void> {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: toItem(record, derived),
            ConditionExpression: 'version = :current',
            ExpressionAttributeValues: { ':current': record.version },
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        throw new VersionConflictError(record.caseId, (await this.get(record.caseId))?.version);
      }
    },

    /**
     * The next receipt sequence for an agency and year: an atomic counter, so concurrent submissions never
     * share one. It notes when it last drew (real time), so the reconcile can tell a number whose request
     * died from one still being written (receipt-ledger.ts).
     */
    async nextReceiptSequence(agencyId: string, year: number): Promise<number> {
      const { Attributes } = await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: counterKey(agencyId, year),
          UpdateExpression: 'ADD #n :one SET lastDrawnAt = :at',
          ExpressionAttributeNames: { '#n': 'next' },
          ExpressionAttributeValues: { ':one': 1, ':at': Date.now() },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Number(Attributes?.next);
    },

    /**
     * Claims an idempotency token for a case id with a lease (real time): `held` when this request may
     * write the case, else the token as another request left it (its case id, the fingerprint of its
     * body, its lease).
     */
    async claimClientToken(
      agencyId: string,
      clientToken: string,
      claim: { caseId: string; fingerprint: Record<string, string> },
      at: { realMs: number; leaseMs: number },
    ): Promise<{ held: true; caseId: string } | { held: false; current: ClientTokenRecord }> {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...tokenKey(agencyId, clientToken),
              caseId: claim.caseId,
              fingerprint: claim.fingerprint,
              leaseUntil: at.realMs + at.leaseMs,
              attempts: 1,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return { held: true, caseId: claim.caseId };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: tokenKey(agencyId, clientToken), ConsistentRead: true }),
      );
      if (!Item) return this.claimClientToken(agencyId, clientToken, claim, at);
      return {
        held: false,
        current: {
          caseId: String(Item.caseId),
          fingerprint: (Item.fingerprint as Record<string, string> | undefined) ?? {},
          leaseUntil: Number(Item.leaseUntil ?? 0),
        },
      };
    },

    /**
     * Takes over a token whose holder's lease ran out without its case being written (the holder died or
     * failed): one conditional write on the lease seen, so only one retry takes it. The case id stays the
     * same, so a holder that was only slow and the one taking over cannot both create a case.
     */
    async reclaimClientToken(
      agencyId: string,
      clientToken: string,
      seenLeaseUntil: number,
      at: { realMs: number; leaseMs: number },
    ): Promise<boolean> {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: tokenKey(agencyId, clientToken),
            UpdateExpression: 'SET leaseUntil = :l ADD attempts :one',
            ConditionExpression: 'attribute_not_exists(leaseUntil) OR leaseUntil = :seen',
            ExpressionAttributeValues: { ':l': at.realMs + at.leaseMs, ':seen': seenLeaseUntil, ':one': 1 },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    /**
     * Drops the fingerprints an agency's application tokens hold as unkeyed hashes of old (their ID number hash
     * could be guessed back: the token is stored beside it); `prefix` marks the keyed ones (client-token.ts). Such
     * a token still answers its case to a retry, with no body compared. Returns how many were dropped.
     */
    async dropUnkeyedTokenFingerprints(agencyId: string, prefix: string): Promise<number> {
      const condition = 'attribute_exists(fingerprint) AND NOT begins_with(fingerprint.#id, :p)';
      const items = await queryAll<{ pk: string; sk: string }>(client, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        FilterExpression: condition,
        ExpressionAttributeNames: { '#id': 'applicant.idNumber' },
        ExpressionAttributeValues: { ':pk': `TOKEN#${agencyId}`, ':p': prefix },
        ProjectionExpression: 'pk, sk',
      });
      let dropped = 0;
      for (const key of items) {
        try {
          await client.send(
            new UpdateCommand({
              TableName: tableName,
              Key: { pk: key.pk, sk: key.sk },
              UpdateExpression: 'REMOVE fingerprint',
              ConditionExpression: condition,
              ExpressionAttributeNames: { '#id': 'applicant.idNumber' },
              ExpressionAttributeValues: { ':p': prefix },
            }),
          );
          dropped += 1;
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
        }
      }
      return dropped;
    },

    /** Whether a one-off data migration (`name`) has finished for an agency (then the reconcile skips it). */
    async migrationDone(agencyId: string, name: string): Promise<boolean> {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: { pk: `MIGRATION#${agencyId}`, sk: name }, ConsistentRead: true }),
      );
      return Item !== undefined;
    },

    /** Records that a one-off data migration has found nothing left to do for an agency. */
    async markMigrationDone(agencyId: string, name: string, at: string): Promise<void> {
      await client.send(
        new PutCommand({ TableName: tableName, Item: { pk: `MIGRATION#${agencyId}`, sk: name, doneAt: at } }),
      );
    },

    /** Ends a holder's lease at once (its write failed), so a retry need not wait for it to run out. */
    async releaseClientToken(agencyId: string, clientToken: string, caseId: string): Promise<void> {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: tokenKey(agencyId, clientToken),
            UpdateExpression: 'SET leaseUntil = :zero',
            ConditionExpression: 'caseId = :c',
            ExpressionAttributeValues: { ':zero': 0, ':c': caseId },
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    },

    /**
     * One page of an agency's open cases, soonest deadline first (the work list), answered by the index that
     * fits the filter: by status, by assignee, pending extension requests, or all open; `dueBefore` and
     * `overdueOn` bound the deadline key, so no filter reads the agency's other open cases.
     */
    async listOpenPage(
      agencyId: string,
      filter: OpenListFilter,
      page: { limit: number; cursor?: string | undefined },
    ): Promise<Page<ListRow>> {
      const { indexName, partition, statusFilter } = openIndexFor(agencyId, filter);
      const bound = [filter.dueBefore, filter.overdueOn].filter((d): d is string => !!d).sort()[0];
      const filters: string[] = [];
      const values: Record<string, unknown> = { ':p': partition[1] };
      const names: Record<string, string> = { '#p': partition[0] };
      if (bound) {
        values[':d'] = bound;
        names['#d'] = 'openDueKey';
      }
      if (statusFilter && statusFilter !== 'extension_pending') {
        filters.push('#status = :s');
        names['#status'] = 'status';
        values[':s'] = statusFilter;
      }
      if (statusFilter === 'extension_pending') filters.push('attribute_exists(extensionAgencyId)');
      // Overdue is the reply deadline passed: cases waiting on a supplement or fee have none.
      if (filter.overdueOn) filters.push('attribute_exists(listView.replyDue)');
      const result = await queryPage(
        client,
        {
          TableName: tableName,
          IndexName: indexName,
          KeyConditionExpression: bound ? '#p = :p AND #d < :d' : '#p = :p',
          ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
        [partition[0], 'openDueKey'],
        page.limit,
        page.cursor,
      );
      return { ...result, rows: result.rows.map(toListRow) };
    },

    /** Every open case of an agency, soonest deadline first (reconcile walks them all; the desk pages). */
    async listOpen(agencyId: string): Promise<ListRow[]> {
      const items = await queryAll<Record<string, unknown>>(client, {
        TableName: tableName,
        IndexName: 'openByDue',
        KeyConditionExpression: 'openAgencyId = :a',
        ExpressionAttributeValues: { ':a': agencyId },
      });
      return items.map(toListRow);
    },

    /** One page of an agency's closed cases, the latest closed first. */
    async listClosedPage(
      agencyId: string,
      page: { limit: number; cursor?: string | undefined },
    ): Promise<Page<ListRow>> {
      const result = await queryPage(
        client,
        {
          TableName: tableName,
          IndexName: 'byClosed',
          KeyConditionExpression: 'closedAgencyId = :a',
          ExpressionAttributeValues: { ':a': agencyId },
          ScanIndexForward: false,
        },
        ['closedAgencyId', 'closedKey'],
        page.limit,
        page.cursor,
      );
      return { ...result, rows: result.rows.map(toListRow) };
    },

    /** Cases of an agency whose applicant's keyed hash of a field equals `hash`, latest received first. */
    async findByApplicantHash(
      agencyId: string,
      field: 'name' | 'phone' | 'idNumber',
      hash: string,
      receivedFrom?: LocalDate,
    ): Promise<(ListRow & { description: string; documentNumber?: string })[]> {
      const index = APPLICANT_HASH_INDEXES[field];
      const items = await queryAll<Record<string, unknown>>(client, {
        TableName: tableName,
        IndexName: index.indexName,
        KeyConditionExpression: receivedFrom ? '#h = :h AND receivedKey >= :f' : '#h = :h',
        ExpressionAttributeNames: { '#h': index.attribute },
        ExpressionAttributeValues: { ':h': hash, ...(receivedFrom ? { ':f': receivedFrom } : {}) },
        ScanIndexForward: false,
      });
      return items
        .filter((item) => (item.listView as ListView).agencyId === agencyId)
        .map((item) => {
          const information = item.information as CaseRecord['information'] | undefined;
          return {
            ...toListRow(item),
            description: String(information?.description ?? ''),
            ...(information?.documentNumber ? { documentNumber: information.documentNumber } : {}),
          };
        });
    },

    /**
     * One page of an agency's cases whose search text (the description, an organisation's name: `searchTextOf`)
     * contains every word, latest received first. Words are
     * matched inside the index's projected search text; this reads the agency's cases in receipt order
     * (a text index such as OpenSearch would be the next step for very large agencies).
     */
    async searchDescriptionPage(
      agencyId: string,
      words: readonly string[],
      page: { limit: number; cursor?: string | undefined },
    ): Promise<Page<ListRow>> {
      const values: Record<string, unknown> = { ':a': agencyId };
      words.forEach((w, i) => (values[`:w${i}`] = w));
      const result = await queryPage(
        client,
        {
          TableName: tableName,
          IndexName: 'byReceived',
          KeyConditionExpression: 'caseAgencyId = :a',
          FilterExpression: words.map((_, i) => `contains(searchText, :w${i})`).join(' AND '),
          ExpressionAttributeValues: values,
          ScanIndexForward: false,
        },
        ['caseAgencyId', 'receivedKey'],
        page.limit,
        page.cursor,
      );
      return { ...result, rows: result.rows.map(toListRow) };
    },

    /** Every case of an agency received in `year`, whole (the ledger, 台账), in receipt order. */
    async recordsReceivedIn(agencyId: string, year: number): Promise<CaseRecord[]> {
      const keys = await queryAll<{ pk: string; sk: string }>(client, {
        TableName: tableName,
        IndexName: 'byReceived',
        KeyConditionExpression: 'caseAgencyId = :a AND receivedKey BETWEEN :f AND :t',
        ExpressionAttributeValues: { ':a': agencyId, ':f': `${year}-01-01`, ':t': `${year}-12-31~` },
        ProjectionExpression: 'pk, sk, receivedKey',
      });
      const records = new Map(
        (await batchGet(client, tableName, keys)).map((item) => [String(item.pk), toRecord(item)] as const),
      );
      return keys.flatMap(({ pk }) => records.get(pk) ?? []);
    },

    /**
     * Every case that can appear in the annual report of `year`: received in the year, closed in the year,
     * or open across its start or end (received before and closed after, or still open). Index queries only.
     */
    async listForYear(agencyId: string, year: number): Promise<ReportView[]> {
      const from = `${year}-01-01`;
      const to = `${year}-12-31~`;
      const [received, closedSince, open] = await Promise.all([
        queryAll<{ reportView: ReportView }>(client, {
          TableName: tableName,
          IndexName: 'byReceived',
          KeyConditionExpression: 'caseAgencyId = :a AND receivedKey BETWEEN :f AND :t',
          ExpressionAttributeValues: { ':a': agencyId, ':f': from, ':t': to },
          ProjectionExpression: 'reportView',
        }),
        // Closed in the year or later: the later ones were open at the year's end if received by then.
        queryAll<{ reportView: ReportView }>(client, {
          TableName: tableName,
          IndexName: 'byClosed',
          KeyConditionExpression: 'closedAgencyId = :a AND closedKey >= :f',
          FilterExpression: 'reportView.receivedOn <= :end',
          ExpressionAttributeValues: { ':a': agencyId, ':f': from, ':end': `${year}-12-31` },
          ProjectionExpression: 'reportView',
        }),
        queryAll<{ caseId: string; receiptNumber: string }>(client, {
          TableName: tableName,
          IndexName: 'openByDue',
          KeyConditionExpression: 'openAgencyId = :a',
          ExpressionAttributeValues: { ':a': agencyId },
          ProjectionExpression: 'caseId, listView',
        }),
      ]);
      const byId = new Map<string, ReportView>();
      for (const { reportView } of [...received, ...closedSince]) byId.set(reportView.caseId, reportView);
      // Open cases received before the year are in neither query: their report views (fee notices included) come
      // in batches of 100 (no read per case).
      const missing = (open as unknown as { caseId: string; listView: ListView }[]).filter(
        (o) => !byId.has(o.caseId) && o.listView.receivedOn < from,
      );
      const views = await batchGet(
        client,
        tableName,
        missing.map(({ caseId }) => caseKey(caseId)),
        'reportView',
      );
      for (const item of views) {
        const view = item.reportView as ReportView | undefined;
        if (view) byId.set(view.caseId, view);
      }
      return [...byId.values()];
    },

    /**
     * Cases of an agency received in a natural month (`YYYY-MM`) by one applicant, in receipt order (fees by
     * count): those whose applicant key is one of `applicantKeys` (the keyed one, and the unkeyed one of old
     * until every record is rewritten).
     */
    async applicantCasesInMonth(
      agencyId: string,
      month: string,
      applicantKeys: readonly string[],
    ): Promise<ReportView[]> {
      const keys = Object.fromEntries(applicantKeys.map((key, i) => [`:k${i}`, key]));
      const items = await queryAll<{ reportView: ReportView }>(client, {
        TableName: tableName,
        IndexName: 'byReceived',
        KeyConditionExpression: 'caseAgencyId = :a AND receivedKey BETWEEN :f AND :t',
        FilterExpression: `reportView.applicantKey IN (${Object.keys(keys).join(', ')})`,
        ExpressionAttributeValues: { ':a': agencyId, ':f': `${month}-01`, ':t': `${month}-31~`, ...keys },
        ProjectionExpression: 'reportView',
      });
      return items.map((i) => i.reportView);
    },

    /**
     * The ids of an agency's cases, open and closed, whose stored applicant key is not a keyed one (`prefix`):
     * written before applicant keys were keyed hashes, to be rewritten by the reconcile (applicant-keys.ts).
     */
    async caseIdsWithUnkeyedApplicantKey(agencyId: string, prefix: string): Promise<string[]> {
      const items = await queryAll<{ pk: string }>(client, {
        TableName: tableName,
        IndexName: 'byReceived',
        KeyConditionExpression: 'caseAgencyId = :a',
        FilterExpression: 'attribute_exists(reportView.applicantKey) AND NOT begins_with(reportView.applicantKey, :p)',
        ExpressionAttributeValues: { ':a': agencyId, ':p': prefix },
        ProjectionExpression: 'pk',
      });
      return items.map((i) => i.pk.replace(/^CASE#/, ''));
    },

    /**
     * The ids of an agency's cases, open and closed, of an organisation whose work-list name is still masked (written
     * before an organisation's name was shown in full and searched by its words), for the reconcile to rewrite
     * (applicant-keys.ts `migrateOrganisationNames`). A name shown in full holds no `*` (a masked one always does).
     */
    async caseIdsWithMaskedOrganisationName(agencyId: string): Promise<string[]> {
      const items = await queryAll<{ pk: string }>(client, {
        TableName: tableName,
        IndexName: 'byReceived',
        KeyConditionExpression: 'caseAgencyId = :a',
        FilterExpression: 'listView.applicantType <> :person AND contains(listView.maskedName, :star)',
        ExpressionAttributeValues: { ':a': agencyId, ':person': 'natural_person', ':star': '*' },
        ProjectionExpression: 'pk',
      });
      return items.map((i) => i.pk.replace(/^CASE#/, ''));
    },

    /** The notice keys recorded for a case (in the outbox, sending, sent or without address). */
    async noticeKeys(caseId: string): Promise<Set<string>> {
      const items = await queryAll<{ key: string }>(client, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :n)',
        ExpressionAttributeValues: { ':pk': `CASE#${caseId}`, ':n': 'NOTICE#' },
        ProjectionExpression: '#k',
        ExpressionAttributeNames: { '#k': 'key' },
      });
      return new Set(items.map((i) => i.key));
    },
  };
}
export type CaseRepository = ReturnType<typeof makeCaseRepository>;
