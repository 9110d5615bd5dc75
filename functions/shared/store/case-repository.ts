import {
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { ReportCase } from '../domain/annual-report/types';
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
  /** Masked applicant name for the work list. */
  maskedName: string;
  maskedIdNumber: string;
  /** A keyed hash of the applicant's identity: counts an applicant's applications (fees by count) without personal data. */
  applicantKey: string;
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
  maskedName: string;
  maskedIdNumber: string;
  receivedOn: LocalDate;
  channel: Channel;
  status: string;
  replyDue?: LocalDate;
  sortDue: LocalDate;
  closedOn?: LocalDate;
  outcome?: OutcomeCode;
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
  };
  return {
    ...caseKey(record.caseId),
    ...record,
    status: derived.status,
    reportView,
    listView,
    caseAgencyId: record.agencyId,
    receivedKey: `${record.receivedOn}#${record.caseId}`,
    ...(derived.open
      ? { openAgencyId: record.agencyId, openDueKey: `${derived.sortDue}#${record.caseId}` }
      : { closedAgencyId: record.agencyId, closedKey: `${derived.closedOn ?? ''}#${record.caseId}` }),
    // Real time: the outbox sweeper works on real time (notify/outbox.ts), whatever the system clock says.
    ...(record.outbox?.length ? outboxIndexAttributes(caseKey(record.caseId).pk, Date.now()) : {}),
  };
}

function toRecord(item: Record<string, unknown>): CaseRecord {
  const {
    pk: _pk,
    sk: _sk,
    status: _status,
    reportView: _r,
    listView: _l,
    caseAgencyId: _a,
    receivedKey: _rk,
    openAgencyId: _o,
    openDueKey: _od,
    closedAgencyId: _c,
    closedKey: _ck,
    outboxShard: _os,
    outboxDue: _od2,
    ...record
  } = item;
  return record as unknown as CaseRecord;
}

/** A work-list row from an index item that projects the list view. */
const toListRow = (item: Record<string, unknown>) => ({
  ...(item.listView as ListView),
  caseId: String(item.caseId),
  receiptNumber: String(item.receiptNumber),
  version: Number(item.version),
});

async function queryAll<T>(
  client: DynamoDBDocumentClient,
  input: ConstructorParameters<typeof QueryCommand>[0],
): Promise<T[]> {
  const items: T[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey }));
    items.push(...((page.Items ?? []) as T[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/**
 * Cases in DynamoDB. Every change of a case is one conditional write of the whole item on its version
 * (no transactions: the local DynamoDB has none, and one-item writes are simpler to reason about).
 */
export function makeCaseRepository(client: DynamoDBDocumentClient, tableName: string) {
  return {
    async get(caseId: string): Promise<CaseRecord | undefined> {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: caseKey(caseId), ConsistentRead: true }),
      );
      return Item ? toRecord(Item) : undefined;
    },

    async findByReceiptNumber(receiptNumber: string): Promise<CaseRecord | undefined> {
      const { Items } = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'byReceiptNumber',
          KeyConditionExpression: 'receiptNumber = :r',
          ExpressionAttributeValues: { ':r': receiptNumber },
        }),
      );
      const key = Items?.[0];
      if (!key) return undefined;
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: { pk: key.pk, sk: key.sk }, ConsistentRead: true }),
      );
      return Item ? toRecord(Item) : undefined;
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

    /** The next receipt sequence for an agency and year: an atomic counter, so concurrent submissions never share one. */
    async nextReceiptSequence(agencyId: string, year: number): Promise<number> {
      const { Attributes } = await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: counterKey(agencyId, year),
          UpdateExpression: 'ADD #n :one',
          ExpressionAttributeNames: { '#n': 'next' },
          ExpressionAttributeValues: { ':one': 1 },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Number(Attributes?.next);
    },

    /** The case an idempotency token already created, if any. */
    async caseIdForClientToken(agencyId: string, clientToken: string): Promise<string | undefined> {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: tokenKey(agencyId, clientToken), ConsistentRead: true }),
      );
      return Item ? String(Item.caseId) : undefined;
    },

    /**
     * Claims an idempotency token for a case id; returns the case id that holds it (the given one, or the
     * one a concurrent retry claimed first).
     */
    async claimClientToken(agencyId: string, clientToken: string, caseId: string): Promise<string> {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...tokenKey(agencyId, clientToken), caseId },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return caseId;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        return (await this.caseIdForClientToken(agencyId, clientToken)) ?? caseId;
      }
    },

    /** Open cases of an agency, soonest deadline first (the work list), optionally only those due before a date. */
    async listOpen(
      agencyId: string,
      options: { dueBefore?: LocalDate } = {},
    ): Promise<(ListView & { caseId: string; receiptNumber: string; version: number })[]> {
      const items = await queryAll<Record<string, unknown>>(client, {
        TableName: tableName,
        IndexName: 'openByDue',
        KeyConditionExpression: options.dueBefore ? 'openAgencyId = :a AND openDueKey < :d' : 'openAgencyId = :a',
        ExpressionAttributeValues: { ':a': agencyId, ...(options.dueBefore ? { ':d': options.dueBefore } : {}) },
      });
      return items.map(toListRow);
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
      // Open cases received before the year are not in `received`; fetch their report view.
      const missing = (open as unknown as { caseId: string; listView: ListView }[]).filter(
        (o) => !byId.has(o.caseId) && o.listView.receivedOn < from,
      );
      for (const { caseId } of missing) {
        const record = await this.get(caseId);
        if (record)
          byId.set(caseId, {
            caseId,
            receiptNumber: record.receiptNumber,
            agencyId,
            applicantType: record.applicant.type,
            receivedOn: record.receivedOn,
          });
      }
      return [...byId.values()];
    },

    /** Cases of an agency received in a natural month (`YYYY-MM`) by one applicant, in receipt order (fees by count). */
    async applicantCasesInMonth(agencyId: string, month: string, applicantKey: string): Promise<ReportView[]> {
      const items = await queryAll<{ reportView: ReportView }>(client, {
        TableName: tableName,
        IndexName: 'byReceived',
        KeyConditionExpression: 'caseAgencyId = :a AND receivedKey BETWEEN :f AND :t',
        FilterExpression: 'reportView.applicantKey = :k',
        ExpressionAttributeValues: { ':a': agencyId, ':f': `${month}-01`, ':t': `${month}-31~`, ':k': applicantKey },
        ProjectionExpression: 'reportView',
      });
      return items.map((i) => i.reportView);
    },

    /** An agency's most recently closed cases, latest first (the work list's "closed" filter). */
    async listRecentlyClosed(
      agencyId: string,
      limit = 100,
    ): Promise<(ListView & { caseId: string; receiptNumber: string; version: number })[]> {
      const { Items } = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'byClosed',
          KeyConditionExpression: 'closedAgencyId = :a',
          ExpressionAttributeValues: { ':a': agencyId },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return (Items ?? []).map(toListRow);
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
