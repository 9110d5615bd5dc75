import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryAll } from './query-all';
import type { Appeal, AppealResult } from '../domain/appeals';
import type { AppealValues, CorrectableAppealField } from '../domain/appeal-correction';
import type { ReportAppeal } from '../domain/annual-report/section4';
import type { Instant, LocalDate } from '../domain/model';

/**
 * The appeals (复议诉讼) of an agency's cases, each its own item (design.md §9: no case version involved), in one
 * partition per agency: pk `APPEALS#<agencyId>`, sk `CASE#<caseId>#APPEAL#<appealId>`. A case's appeals are a key
 * prefix of it and the annual report reads the agency's partition (appeals are few: tens a year for a large
 * agency), so no index is needed. Conditional writes only; the rules are in the domain (domain/appeals.ts).
 */
export interface AppealRecord extends Appeal {
  recordedAt: Instant;
  /** The staff member (`sub`) who recorded the filing. */
  recordedBy: string;
  /** When and by whom the result was recorded. */
  decidedAt?: Instant;
  decidedBy?: string;
  /** The corrections made to the record, oldest first (who, when, why, and the values they replaced). */
  corrections?: AppealCorrectionEntry[];
}

/** One correction of an appeal's record (issue #14): kept on the appeal, written in the same conditional update. */
export interface AppealCorrectionEntry {
  at: Instant;
  by: string;
  reason: string;
  changed: CorrectableAppealField[];
  /** The replaced values of the changed fields (absent: the field was not recorded). */
  previous: Partial<AppealValues>;
}

/** What a correction did: written, refused because the record changed since it was read, or no appeal. */
export type CorrectOutcome =
  { outcome: 'corrected'; appeal: AppealRecord } | { outcome: 'changed' } | { outcome: 'not_found' };

export interface AppealResultInput {
  result: AppealResult;
  decidedOn: LocalDate;
  decidedAt: Instant;
  decidedBy: string;
}

/** What recording a result did: recorded, or refused because a result was there already (once only), or no appeal. */
export type RecordResultOutcome =
  { outcome: 'recorded'; appeal: AppealRecord } | { outcome: 'already_decided' } | { outcome: 'not_found' };

/** The appeal store's port; {@link makeAppealRepository} (DynamoDB) and {@link makeInMemoryAppealRepository}. */
export interface AppealRepository {
  /** Stores a new appeal; throws when its id exists already. */
  create(record: AppealRecord): Promise<void>;
  get(agencyId: string, caseId: string, appealId: string): Promise<AppealRecord | undefined>;
  /** A case's appeals, oldest filing first. */
  listForCase(agencyId: string, caseId: string): Promise<AppealRecord[]>;
  /** Records the result once: a conditional write that refuses a second one. */
  recordResult(
    agencyId: string,
    caseId: string,
    appealId: string,
    input: AppealResultInput,
  ): Promise<RecordResultOutcome>;
  /**
   * Replaces the recorded values with `next` and appends the correction to the record's history: one conditional
   * update on the values read (`previous`), so a correction racing another change is refused (`changed`).
   */
  correct(
    agencyId: string,
    caseId: string,
    appealId: string,
    previous: AppealValues,
    next: AppealValues,
    entry: AppealCorrectionEntry,
  ): Promise<CorrectOutcome>;
  /** The agency's appeals that may stand in section 四 of the year: filed by its end, not decided before its start. */
  listForYear(agencyId: string, year: number): Promise<ReportAppeal[]>;
}

const CORRECTABLE: readonly CorrectableAppealField[] = ['kind', 'forum', 'filedOn', 'result', 'decidedOn'];

const partition = (agencyId: string) => `APPEALS#${agencyId}`;
const casePrefix = (caseId: string) => `CASE#${caseId}#APPEAL#`;
const appealKey = (agencyId: string, caseId: string, appealId: string) => ({
  pk: partition(agencyId),
  sk: `${casePrefix(caseId)}${appealId}`,
});

function strip(item: Record<string, unknown>): AppealRecord {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as unknown as AppealRecord;
}

const byFiling = (a: AppealRecord, b: AppealRecord) =>
  a.filedOn.localeCompare(b.filedOn) || a.recordedAt.localeCompare(b.recordedAt);

const reportAppeal = (a: AppealRecord): ReportAppeal => ({
  appealId: a.appealId,
  agencyId: a.agencyId,
  kind: a.kind,
  filedOn: a.filedOn,
  ...(a.result !== undefined ? { result: a.result } : {}),
  ...(a.decidedOn !== undefined ? { decidedOn: a.decidedOn } : {}),
});

const yearBounds = (year: number) => {
  const y = String(year).padStart(4, '0');
  return { start: `${y}-01-01`, end: `${y}-12-31` };
};

export function makeAppealRepository(client: DynamoDBDocumentClient, tableName: string): AppealRepository {
  async function query(
    agencyId: string,
    options: { prefix?: string; filter?: { expression: string; values: Record<string, unknown> } },
  ): Promise<AppealRecord[]> {
    const items = await queryAll(client, {
      TableName: tableName,
      KeyConditionExpression: options.prefix ? 'pk = :pk AND begins_with(sk, :prefix)' : 'pk = :pk',
      ...(options.filter ? { FilterExpression: options.filter.expression } : {}),
      ExpressionAttributeValues: {
        ':pk': partition(agencyId),
        ...(options.prefix ? { ':prefix': options.prefix } : {}),
        ...(options.filter?.values ?? {}),
      },
      ConsistentRead: true,
    });
    return items.map(strip);
  }

  return {
    async create(record) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...appealKey(record.agencyId, record.caseId, record.appealId), ...record },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },

    async get(agencyId, caseId, appealId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: appealKey(agencyId, caseId, appealId), ConsistentRead: true }),
      );
      return Item ? strip(Item) : undefined;
    },

    async listForCase(agencyId, caseId) {
      return (await query(agencyId, { prefix: casePrefix(caseId) })).sort(byFiling);
    },

    async recordResult(agencyId, caseId, appealId, input) {
      try {
        const { Attributes } = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: appealKey(agencyId, caseId, appealId),
            UpdateExpression:
              'SET #result = :result, decidedOn = :decidedOn, decidedAt = :decidedAt, decidedBy = :decidedBy',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#result)',
            ExpressionAttributeNames: { '#result': 'result' },
            ExpressionAttributeValues: {
              ':result': input.result,
              ':decidedOn': input.decidedOn,
              ':decidedAt': input.decidedAt,
              ':decidedBy': input.decidedBy,
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return { outcome: 'recorded', appeal: strip(Attributes ?? {}) };
      } catch (error) {
        if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
        const { Item } = await client.send(
          new GetCommand({ TableName: tableName, Key: appealKey(agencyId, caseId, appealId), ConsistentRead: true }),
        );
        return Item ? { outcome: 'already_decided' } : { outcome: 'not_found' };
      }
    },

    async correct(agencyId, caseId, appealId, previous, next, entry) {
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = { ':entry': [entry], ':none': [] };
      const conditions = ['attribute_exists(pk)'];
      const sets = ['corrections = list_append(if_not_exists(corrections, :none), :entry)'];
      const removes: string[] = [];
      CORRECTABLE.forEach((field, i) => {
        names[`#f${i}`] = field;
        const was = previous[field];
        if (was === undefined) conditions.push(`attribute_not_exists(#f${i})`);
        else {
          values[`:p${i}`] = was;
          conditions.push(`#f${i} = :p${i}`);
        }
        const value = next[field];
        if (value === undefined) removes.push(`#f${i}`);
        else {
          values[`:n${i}`] = value;
          sets.push(`#f${i} = :n${i}`);
        }
      });
      if (next.result === undefined) removes.push('decidedAt', 'decidedBy');
      else if (previous.result === undefined) {
        sets.push('decidedAt = :at', 'decidedBy = :by');
        Object.assign(values, { ':at': entry.at, ':by': entry.by });
      }
      try {
        const { Attributes } = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: appealKey(agencyId, caseId, appealId),
            UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
            ConditionExpression: conditions.join(' AND '),
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
            ReturnValues: 'ALL_NEW',
          }),
        );
        return { outcome: 'corrected', appeal: strip(Attributes ?? {}) };
      } catch (error) {
        if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
        const { Item } = await client.send(
          new GetCommand({ TableName: tableName, Key: appealKey(agencyId, caseId, appealId), ConsistentRead: true }),
        );
        return Item ? { outcome: 'changed' } : { outcome: 'not_found' };
      }
    },

    async listForYear(agencyId, year) {
      const { start, end } = yearBounds(year);
      const items = await query(agencyId, {
        filter: {
          expression: 'filedOn <= :end AND (attribute_not_exists(decidedOn) OR decidedOn >= :start)',
          values: { ':start': start, ':end': end },
        },
      });
      return items.sort(byFiling).map(reportAppeal);
    },
  };
}

/** The in-memory twin of {@link makeAppealRepository}, same behaviour, for unit tests. */
export function makeInMemoryAppealRepository(): AppealRepository & {
  readonly items: ReadonlyMap<string, AppealRecord>;
} {
  const items = new Map<string, AppealRecord>();
  const keyOf = (agencyId: string, caseId: string, appealId: string) => {
    const { pk, sk } = appealKey(agencyId, caseId, appealId);
    return `${pk}|${sk}`;
  };
  const copy = (a: AppealRecord): AppealRecord => ({ ...a });
  return {
    items,
    async create(record) {
      const key = keyOf(record.agencyId, record.caseId, record.appealId);
      if (items.has(key)) throw Object.assign(new Error('appeal exists'), { name: 'ConditionalCheckFailedException' });
      items.set(key, copy(record));
    },
    async get(agencyId, caseId, appealId) {
      const found = items.get(keyOf(agencyId, caseId, appealId));
      return found ? copy(found) : undefined;
    },
    async listForCase(agencyId, caseId) {
      return [...items.values()]
        .filter((a) => a.agencyId === agencyId && a.caseId === caseId)
        .map(copy)
        .sort(byFiling);
    },
    async recordResult(agencyId, caseId, appealId, input) {
      const key = keyOf(agencyId, caseId, appealId);
      const found = items.get(key);
      if (!found) return { outcome: 'not_found' };
      if (found.result !== undefined) return { outcome: 'already_decided' };
      const next = { ...found, ...input };
      items.set(key, next);
      return { outcome: 'recorded', appeal: copy(next) };
    },
    async correct(agencyId, caseId, appealId, previous, next, entry) {
      const key = keyOf(agencyId, caseId, appealId);
      const found = items.get(key);
      if (!found) return { outcome: 'not_found' };
      if (CORRECTABLE.some((field) => found[field] !== previous[field])) return { outcome: 'changed' };
      const { result: _r, decidedOn: _d, decidedAt, decidedBy, ...rest } = found;
      const decided =
        next.result === undefined
          ? {}
          : previous.result === undefined
            ? { decidedAt: entry.at, decidedBy: entry.by }
            : { ...(decidedAt !== undefined ? { decidedAt } : {}), ...(decidedBy !== undefined ? { decidedBy } : {}) };
      const corrected: AppealRecord = {
        ...rest,
        ...next,
        ...decided,
        corrections: [...(found.corrections ?? []), entry],
      };
      items.set(key, corrected);
      return { outcome: 'corrected', appeal: copy(corrected) };
    },
    async listForYear(agencyId, year) {
      const { start, end } = yearBounds(year);
      return [...items.values()]
        .filter(
          (a) => a.agencyId === agencyId && a.filedOn <= end && (a.decidedOn === undefined || a.decidedOn >= start),
        )
        .sort(byFiling)
        .map(reportAppeal);
    },
  };
}
