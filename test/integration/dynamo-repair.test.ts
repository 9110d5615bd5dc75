import { DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { repairDynaliteIndexes } from '../../local/dynamo-repair';
import { ensureCaseTable, LOCAL_CREDENTIALS, startServers, type LocalServers } from '../../local/servers';
import { LOCAL_REGION } from '../../local/template';

/**
 * A process killed in the middle of a dynalite write (issue #10, the crash-recovery test's lost receipt number):
 * dynalite writes an item's index entries before the item, so SIGKILL in between leaves a case that the
 * `byReceiptNumber` and `byReceived` indexes show while the table has no such item. The reconcile then took
 * that number for a case (not void), and the retry wrote the case under the same id with another number.
 * The next start on the folder makes the indexes what the items give.
 */

const TABLE = 'gongkai-cases';
interface LevelDb {
  open(): Promise<void>;
  close(): Promise<void>;
  iterator(range: { gte: string; lt: string }): AsyncIterable<[string, { pk?: { S?: string } }]>;
  del(key: string): Promise<void>;
}
const { Level } = createRequire(require.resolve('dynalite'))('level') as {
  Level: new (dir: string, options: object) => LevelDb;
};

const caseItem = (id: string, receiptNumber: string) => ({
  pk: { S: `CASE#${id}` },
  sk: { S: 'CASE' },
  caseId: { S: id },
  receiptNumber: { S: receiptNumber },
  caseAgencyId: { S: 'test-agency' },
  receivedKey: { S: `2026-12-04#${id}` },
});

/** Deletes the LevelDB entries under `prefix` of the items with this `pk`: what a write cut short leaves out. */
async function deleteEntries(dynamoDir: string, prefix: string, pk: string): Promise<number> {
  const db = new Level(dynamoDir, { valueEncoding: 'json' });
  await db.open();
  let deleted = 0;
  try {
    const keys: string[] = [];
    for await (const [key, value] of db.iterator({ gte: prefix, lt: `${prefix}\xff` }))
      if (value.pk?.S === pk) keys.push(key);
    for (const key of keys) await db.del(key);
    deleted = keys.length;
  } finally {
    await db.close();
  }
  return deleted;
}

describe('the local DynamoDB after a process killed mid-write', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gongkai-repair-'));
  const dynamoDir = path.join(dataDir, 'dynamodb');
  let servers: LocalServers | undefined;
  let client: DynamoDBClient | undefined;
  const start = async () => {
    servers = await startServers({ dataDir, bucketName: 'repair-test' });
    await ensureCaseTable(servers.dynamodbUrl, TABLE);
    client = new DynamoDBClient({
      endpoint: servers.dynamodbUrl,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    return client;
  };
  const stop = async () => {
    client?.destroy();
    await servers?.close();
    servers = undefined;
  };
  const byReceipt = async (dynamodb: DynamoDBClient, receiptNumber: string) =>
    (
      await dynamodb.send(
        new QueryCommand({
          TableName: TABLE,
          IndexName: 'byReceiptNumber',
          KeyConditionExpression: 'receiptNumber = :r',
          ExpressionAttributeValues: { ':r': { S: receiptNumber } },
        }),
      )
    ).Items ?? [];
  const received = async (dynamodb: DynamoDBClient) =>
    (
      await dynamodb.send(
        new QueryCommand({
          TableName: TABLE,
          IndexName: 'byReceived',
          KeyConditionExpression: 'caseAgencyId = :a',
          ExpressionAttributeValues: { ':a': { S: 'test-agency' } },
        }),
      )
    ).Items?.map((item) => item.receiptNumber?.S) ?? [];

  afterAll(async () => {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('removes the index entries of an item never written and restores those of an item whose entries were cut', async () => {
    // Arrange: two cases written; then the state SIGKILL leaves between dynalite's index writes and its item
    // write (case a: entries, no item) and between an update's index deletes and its puts (case b: item, no entries).
    let dynamodb = await start();
    for (const [id, receipt] of [
      ['a', 'TST-2026-000001'],
      ['b', 'TST-2026-000002'],
    ] as const)
      await dynamodb.send(new PutItemCommand({ TableName: TABLE, Item: caseItem(id, receipt) }));
    await stop();
    expect(existsSync(path.join(dataDir, 'dynamodb.in-use'))).toBe(false); // closed cleanly
    expect(await deleteEntries(dynamoDir, `item-${TABLE}~`, 'CASE#a')).toBe(1);
    expect(await deleteEntries(dynamoDir, `index-global~${TABLE}~`, 'CASE#b')).toBe(2);
    // Without the repair (a folder closed cleanly is opened as it is): the number is a case the table lacks.
    dynamodb = await start();
    expect((await byReceipt(dynamodb, 'TST-2026-000001')).map((item) => item.pk?.S)).toEqual(['CASE#a']);
    const keyOfA = { pk: { S: 'CASE#a' }, sk: { S: 'CASE' } };
    expect((await dynamodb.send(new GetItemCommand({ TableName: TABLE, Key: keyOfA }))).Item).toBeUndefined();
    expect(await received(dynamodb)).toEqual(['TST-2026-000001']);
    await stop();

    // Act: the next start after a process that never closed the folder (its mark left behind).
    writeFileSync(path.join(dataDir, 'dynamodb.in-use'), '1\n');
    dynamodb = await start();

    // Assert: the indexes show exactly the items: a's number is no case, b is found again by its number.
    expect(await byReceipt(dynamodb, 'TST-2026-000001')).toEqual([]);
    expect((await byReceipt(dynamodb, 'TST-2026-000002')).map((item) => item.pk?.S)).toEqual(['CASE#b']);
    expect(await received(dynamodb)).toEqual(['TST-2026-000002']);
    await stop();
    expect(await repairDynaliteIndexes(dynamoDir)).toEqual({ removed: 0, written: 0 });
  });
});
