import {
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { queryAll } from './query-all';

/**
 * The notice outbox in the case table (design.md §3, `notify/` with the outbox).
 *
 * Two kinds of items carry outbox work, and both appear in the sparse `outbox` index (attributes
 * `outboxShard`, `outboxDue`) only while they have work:
 * - a case item whose `outbox` attribute lists notices recorded in the same conditional write as the
 *   change that caused them (not yet handed to the sender: "adopted");
 * - a notice item `pk=<scope>, sk=NOTICE#<key>`, one per notice and key, which carries the delivery state:
 *   `pending` (with a lease while a sender holds it) → `sent` (content removed), or `no_address` /
 *   `failed`. Its existence is what makes a key "recorded": a key is never delivered twice.
 */

/** A file to attach, by reference (items are at most 400 KB): an object in the documents/report bucket. */
export interface NoticeAttachment {
  /** The S3 object key. */
  s3Key: string;
  /** The bucket; by default the service's bucket (`REPORT_BUCKET_NAME`). */
  bucket?: string;
  fileName: string;
  contentType: string;
}

/** A rendered email as templates produce it. */
export interface NoticeContent {
  subject: string;
  text: string;
  html: string;
}

/**
 * One notice to deliver. `key` is unique within its scope (a case) and version-independent where the
 * notice must go once whatever happens to the case (`acknowledgement`, `reply_reminder_5:2024-10-21`).
 */
export interface Notice {
  key: string;
  /** What kind of notice this is (acknowledgement, reply_reminder_5, …), carried as a header for audit. */
  kind: string;
  /** The recipient; absent when there is no address (the key is still recorded, nothing is sent). */
  to?: string;
  content: NoticeContent;
  attachments?: NoticeAttachment[];
  /** The case it concerns, if any (headers, logs). */
  caseId?: string;
}

export type NoticeState = 'pending' | 'sent' | 'no_address' | 'failed';

/** A notice item as stored (delivery state included). */
export interface NoticeItem extends Notice {
  scope: string;
  state: NoticeState;
  enqueuedAt: string;
  attempts: number;
  /** Real-time instant (ms) before which no sender may take it (a holder's lease, or a retry's backoff). */
  leaseUntil?: number;
  claimId?: string;
  sentAt?: string;
  messageId?: string;
  lastError?: string;
}

/** The partition of a case's notices. Other scopes (e.g. an agency's daily digests) use their own prefix. */
export const caseScope = (caseId: string): string => `CASE#${caseId}`;
/** The partition of an agency's daily digests (design.md §9). */
export const digestScope = (agencyId: string): string => `DIGEST#${agencyId}`;
export const noticeItemKey = (scope: string, key: string) => ({ pk: scope, sk: `NOTICE#${key}` });
export const OUTBOX_INDEX = 'outbox';
export const OUTBOX_SHARDS = 4;

/** The sparse-index attributes that put an item on the outbox's to-do list, due at `dueMs` (real time). */
export function outboxIndexAttributes(pk: string, dueMs: number): { outboxShard: string; outboxDue: string } {
  let hash = 0;
  for (const char of pk) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return { outboxShard: `OUTBOX#${hash % OUTBOX_SHARDS}`, outboxDue: new Date(dueMs).toISOString() };
}

const isConditionFailure = (error: unknown) => (error as Error).name === 'ConditionalCheckFailedException';

export interface OutboxWorkItem {
  pk: string;
  sk: string;
}

/** Outbox storage operations: conditional writes and key builders, no delivery policy. */
export function makeOutboxRepository(client: DynamoDBDocumentClient, tableName: string) {
  return {
    /**
     * Records a notice on its own (a notice that is itself the change, e.g. a timeline reminder): one
     * conditional write; false when the key was recorded before (then nothing changes).
     */
    async enqueue(scope: string, notice: Notice, at: { now: string; realMs: number }): Promise<boolean> {
      const item: Record<string, unknown> = {
        ...noticeItemKey(scope, notice.key),
        ...notice,
        scope,
        state: notice.to ? 'pending' : 'no_address',
        enqueuedAt: at.now,
        attempts: 0,
        ...(notice.to ? outboxIndexAttributes(scope, at.realMs) : {}),
      };
      try {
        await client.send(
          new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    /** Items with outbox work due by `realMs` (case items to adopt, notice items to send). */
    async due(realMs: number, limit = 500): Promise<OutboxWorkItem[]> {
      const due = new Date(realMs).toISOString();
      const pages = await Promise.all(
        Array.from({ length: OUTBOX_SHARDS }, (_, shard) =>
          client.send(
            new QueryCommand({
              TableName: tableName,
              IndexName: OUTBOX_INDEX,
              KeyConditionExpression: 'outboxShard = :s AND outboxDue <= :d',
              ExpressionAttributeValues: { ':s': `OUTBOX#${shard}`, ':d': due },
              Limit: limit,
            }),
          ),
        ),
      );
      return pages.flatMap((page) => (page.Items ?? []).map((i) => ({ pk: String(i.pk), sk: String(i.sk) })));
    },

    /** The notices a case item still lists in its outbox (not yet adopted), with the version they were read at. */
    async caseOutbox(pk: string): Promise<{ version: number; notices: Notice[] } | undefined> {
      const { Item } = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: { pk, sk: 'CASE' },
          ConsistentRead: true,
          ProjectionExpression: 'version, outbox',
        }),
      );
      return Item ? { version: Number(Item.version), notices: (Item.outbox as Notice[] | undefined) ?? [] } : undefined;
    },

    /**
     * Once every notice of a case's outbox has its own notice item, the case item leaves the outbox index.
     * Conditional on the version read: a newer version may carry new notices, and a later sweep adopts them.
     */
    async clearCaseOutbox(pk: string, version: number): Promise<boolean> {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk, sk: 'CASE' },
            UpdateExpression: 'REMOVE outbox, outboxShard, outboxDue',
            ConditionExpression: 'version = :v',
            ExpressionAttributeValues: { ':v': version },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async get(scope: string, key: string): Promise<NoticeItem | undefined> {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: noticeItemKey(scope, key), ConsistentRead: true }),
      );
      return Item ? toNoticeItem(Item) : undefined;
    },

    async getByKeys(pk: string, sk: string): Promise<NoticeItem | undefined> {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: { pk, sk }, ConsistentRead: true }),
      );
      return Item ? toNoticeItem(Item) : undefined;
    },

    /** Every notice item of a scope (a case's notices: pending, sent, without address, failed). */
    async list(scope: string): Promise<NoticeItem[]> {
      const items = await queryAll(client, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :n)',
        ExpressionAttributeValues: { ':pk': scope, ':n': 'NOTICE#' },
        ConsistentRead: true,
      });
      return items.map(toNoticeItem);
    },

    /**
     * Takes a pending notice for sending: one conditional write that succeeds only while no lease (or
     * retry backoff) holds it. The lease puts it back on the to-do list at its expiry, so a holder that
     * dies before confirming is replaced then.
     */
    async claim(
      scope: string,
      key: string,
      claimId: string,
      realMs: number,
      leaseMs: number,
    ): Promise<NoticeItem | undefined> {
      try {
        const { Attributes } = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: noticeItemKey(scope, key),
            UpdateExpression:
              'SET claimId = :c, leaseUntil = :l, outboxDue = :due, attempts = if_not_exists(attempts, :zero) + :one',
            ConditionExpression: '#state = :pending AND (attribute_not_exists(leaseUntil) OR leaseUntil <= :now)',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: {
              ':c': claimId,
              ':l': realMs + leaseMs,
              ':due': outboxIndexAttributes(scope, realMs + leaseMs).outboxDue,
              ':zero': 0,
              ':one': 1,
              ':pending': 'pending',
              ':now': realMs,
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return Attributes ? toNoticeItem(Attributes) : undefined;
      } catch (error) {
        if (isConditionFailure(error)) return undefined;
        throw error;
      }
    },

    /** Confirms a claimed notice sent (only its holder can): the content goes, the item leaves the index. */
    async confirmSent(
      scope: string,
      key: string,
      claimId: string,
      sentAt: string,
      messageId: string | undefined,
    ): Promise<boolean> {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: noticeItemKey(scope, key),
            UpdateExpression:
              'SET #state = :sent, sentAt = :at, messageId = :m REMOVE content, claimId, leaseUntil, outboxShard, outboxDue, lastError',
            ConditionExpression: 'claimId = :c',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':sent': 'sent', ':at': sentAt, ':m': messageId ?? '', ':c': claimId },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    /**
     * Gives a claim back after a failed attempt: retried from `retryAtMs`, or, when the failure is
     * permanent (the address refused), marked failed and off the to-do list.
     */
    async releaseAfterFailure(
      scope: string,
      key: string,
      claimId: string,
      failure: { error: string; retryAtMs?: number },
    ): Promise<void> {
      const retry = failure.retryAtMs !== undefined;
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: noticeItemKey(scope, key),
            UpdateExpression: retry
              ? 'SET leaseUntil = :l, outboxDue = :due, lastError = :e REMOVE claimId'
              : 'SET #state = :failed, lastError = :e REMOVE claimId, leaseUntil, outboxShard, outboxDue',
            ConditionExpression: 'claimId = :c',
            ...(retry ? {} : { ExpressionAttributeNames: { '#state': 'state' } }),
            ExpressionAttributeValues: {
              ':c': claimId,
              ':e': failure.error.slice(0, 500),
              ...(retry
                ? { ':l': failure.retryAtMs, ':due': outboxIndexAttributes(scope, failure.retryAtMs ?? 0).outboxDue }
                : { ':failed': 'failed' }),
            },
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    },
  };
}
export type OutboxRepository = ReturnType<typeof makeOutboxRepository>;

/** A stored notice item; an item written by the earlier claim-send code (no state) was claimed and sent. */
function toNoticeItem(item: Record<string, unknown>): NoticeItem {
  const { pk, sk: _sk, outboxShard: _s, outboxDue: _d, ...rest } = item;
  return {
    ...(rest as unknown as NoticeItem),
    scope: String(item.scope ?? pk),
    key: String(item.key),
    state: (item.state as NoticeState | undefined) ?? 'sent',
    attempts: Number(item.attempts ?? 0),
  };
}
