import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  ScanCommand,
  waitUntilTableExists,
  waitUntilTableNotExists,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CASE_TABLE_SCHEMA } from '../lib/table-schema';
import { repairDynaliteIndexes } from './dynamo-repair';
import { LOCAL_REGION } from './template';

// Untyped CommonJS packages.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (options: Record<string, unknown>) => {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
};
const sesServer = // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('aws-ses-v2-local') as { default: (config: { host: string; port: number }) => Promise<Server> }).default;

export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface LocalServers {
  dynamodbUrl: string;
  s3Url: string;
  sesUrl: string;
  /** Fault injection: the local SES stops answering (connections refused) until `resume`, on the same port. */
  ses: { pause(): Promise<void>; resume(): Promise<void> };
  close(): Promise<void>;
}

const listen = (server: Server, port: number): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
const closeServer = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });

/**
 * dynalite on a thread of its own (`dynamodb-thread.cjs`, issue 17): the table's work runs on the machine's other
 * core, as DynamoDB runs on other computers than the Lambda functions in AWS. Answers its port and how to close it
 * (the server, then its LevelDB, then the thread).
 */
async function startDynamoThread(options: Record<string, unknown>): Promise<{ port: number; close(): Promise<void> }> {
  const worker = new Worker(path.join(__dirname, 'dynamodb-thread.cjs'), { workerData: options });
  const port = await new Promise<number>((resolve, reject) => {
    const exited = (code: number) => reject(new Error(`the local DynamoDB thread exited (${code}) before listening`));
    worker.once('error', reject);
    worker.once('exit', exited);
    worker.once('message', (message: { port?: number; error?: string }) => {
      worker.off('error', reject);
      worker.off('exit', exited);
      if (message.port) resolve(message.port);
      else reject(new Error(`the local DynamoDB did not start: ${message.error}`));
    });
  });
  worker.on('error', (error) => console.error('local DynamoDB thread error', error));
  let closing: Promise<void> | undefined;
  return {
    port,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        worker.once('message', (message) => {
          if (message === 'closed') void worker.terminate();
        });
        worker.postMessage('close');
      })),
  };
}

/** The browser uploads and downloads case files straight to and from the local S3 through presigned links. */
const BROWSER_CORS = `<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>`;

/**
 * Starts dynalite (LevelDB under `<dataDir>/dynamodb`), s3rver (files under `<dataDir>/s3`) and aws-ses-v2-local.
 * A folder whose last process never closed it (`dynamodb.in-use` left behind) has its indexes repaired first
 * (dynamo-repair.ts: dynalite's writes are not atomic across an item and its index entries).
 */
export async function startServers(options: {
  dataDir: string;
  bucketName: string;
  /** The case-files bucket (documents and attachments), reachable from the browser. */
  caseFilesBucketName?: string;
}): Promise<LocalServers> {
  const dynamoDir = path.join(options.dataDir, 'dynamodb');
  const s3Dir = path.join(options.dataDir, 's3');
  mkdirSync(dynamoDir, { recursive: true });
  mkdirSync(s3Dir, { recursive: true });

  // A folder left open by a process that did not close it (killed) may hold index entries of writes cut short.
  const inUse = path.join(options.dataDir, 'dynamodb.in-use');
  if (existsSync(inUse)) {
    const repair = await repairDynaliteIndexes(dynamoDir);
    process.stderr.write(
      `gongkai: DynamoDB indexes checked after an unclean stop: ${repair.removed} entries removed, ${repair.written} written\n`,
    );
  }
  writeFileSync(inUse, `${process.pid}\n`);
  const dynamo = await startDynamoThread({ path: dynamoDir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const s3 = new S3rver({
    address: '127.0.0.1',
    port: 0,
    directory: s3Dir,
    silent: true,
    configureBuckets: [
      { name: options.bucketName, configs: [] },
      ...(options.caseFilesBucketName ? [{ name: options.caseFilesBucketName, configs: [BROWSER_CORS] }] : []),
    ],
  });
  const s3Address = await s3.run();
  const ses = await sesServer({ host: '127.0.0.1', port: 0 });
  const sesPort = (ses.address() as AddressInfo).port;

  return {
    dynamodbUrl: `http://127.0.0.1:${dynamo.port}`,
    s3Url: `http://127.0.0.1:${s3Address.port}`,
    sesUrl: `http://127.0.0.1:${sesPort}`,
    ses: {
      pause: () => (ses.listening ? closeServer(ses) : Promise.resolve()),
      resume: async () => {
        if (!ses.listening) await listen(ses, sesPort);
      },
    },
    async close() {
      await Promise.all([
        dynamo.close().then(() => rmSync(inUse, { force: true })),
        s3.close().catch(() => undefined),
        ses.listening ? closeServer(ses) : Promise.resolve(),
      ]);
    },
  };
}

function createTableCommand(tableName: string): CreateTableCommand {
  const attributes = new Map<string, 'S' | 'N'>();
  const keyAttributes = [CASE_TABLE_SCHEMA.partitionKey, CASE_TABLE_SCHEMA.sortKey];
  for (const index of CASE_TABLE_SCHEMA.indexes)
    keyAttributes.push(index.partitionKey, ...(index.sortKey ? [index.sortKey] : []));
  keyAttributes.forEach((key) => attributes.set(key.name, key.type));
  return new CreateTableCommand({
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType })),
    KeySchema: [
      { AttributeName: CASE_TABLE_SCHEMA.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: CASE_TABLE_SCHEMA.sortKey.name, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: CASE_TABLE_SCHEMA.indexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey.name, KeyType: 'HASH' as const },
        ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: 'RANGE' as const }] : []),
      ],
      Projection:
        index.projection === 'ALL'
          ? { ProjectionType: 'ALL' as const }
          : index.projection.length === 0
            ? { ProjectionType: 'KEYS_ONLY' as const }
            : { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...index.projection] },
    })),
  });
}

type RawItem = Record<string, AttributeValue>;

async function writeAll(client: DynamoDBClient, tableName: string, items: RawItem[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (requests.length) {
      const { UnprocessedItems } = await client.send(
        new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } }),
      );
      requests = (UnprocessedItems?.[tableName] ?? []) as typeof requests;
    }
  }
}

/**
 * Creates the case table from the shared schema unless it exists (the data folder keeps it between starts).
 * A table from an earlier version lacking an index of the schema is rebuilt with it (dynalite cannot add an
 * index to a table): its items are saved to a file in `backupDir` first, so a crash mid-way loses nothing
 * (the next start finishes the restore).
 */
export async function ensureCaseTable(endpoint: string, tableName: string, backupDir?: string): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const backup = backupDir ? path.join(backupDir, `${tableName}.migration.json`) : undefined;
  try {
    if (backup && existsSync(backup)) {
      // An interrupted rebuild: the saved items are the table.
      await client.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
      await waitUntilTableNotExists({ client, maxWaitTime: 30 }, { TableName: tableName });
      await client.send(createTableCommand(tableName));
      await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: tableName });
      await writeAll(client, tableName, JSON.parse(readFileSync(backup, 'utf8')) as RawItem[]);
      rmSync(backup);
      return;
    }
    try {
      await client.send(createTableCommand(tableName));
      await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: tableName });
      return;
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
    if (!backup || CASE_TABLE_SCHEMA.indexes.every((i) => present.has(i.indexName))) return;
    const items: RawItem[] = [];
    let ExclusiveStartKey: RawItem | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey }));
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    writeFileSync(`${backup}.tmp`, JSON.stringify(items));
    renameSync(`${backup}.tmp`, backup);
    await client.send(new DeleteTableCommand({ TableName: tableName }));
    await waitUntilTableNotExists({ client, maxWaitTime: 30 }, { TableName: tableName });
    await client.send(createTableCommand(tableName));
    await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: tableName });
    await writeAll(client, tableName, items);
    rmSync(backup);
  } finally {
    client.destroy();
  }
}
