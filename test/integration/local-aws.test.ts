import { GetItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { DescribeExecutionCommand, ListExecutionsCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startLocalSystem, type LocalSystem } from '../../local/runtime';

/** The local AWS servers, reached through the real SDK v3 clients (design.md §4). */
describe('local AWS servers through the SDK v3 clients', () => {
  let system: LocalSystem;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'gongkai-aws-'));
    system = await startLocalSystem({ dataDir, background: false });
  }, 60_000);
  afterAll(async () => {
    await system?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('DynamoDB stores an item, rejects a conditional put on it and finds it through an index', async () => {
    const { dynamodb } = system.clients;
    const item = {
      pk: { S: 'CASE#t1' },
      sk: { S: 'CASE' },
      receiptNumber: { S: 'TST-2024-000001' },
      caseAgencyId: { S: 'test-agency' },
      receivedKey: { S: '2024-09-27#t1' },
    };
    await dynamodb.send(new PutItemCommand({ TableName: system.tableName, Item: item }));

    await expect(
      dynamodb.send(
        new PutItemCommand({
          TableName: system.tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });

    const byReceipt = await dynamodb.send(
      new QueryCommand({
        TableName: system.tableName,
        IndexName: 'byReceiptNumber',
        KeyConditionExpression: 'receiptNumber = :r',
        ExpressionAttributeValues: { ':r': { S: 'TST-2024-000001' } },
      }),
    );
    expect(byReceipt.Items?.map((i) => i.pk?.S)).toEqual(['CASE#t1']);
    const stored = await dynamodb.send(
      new GetItemCommand({ TableName: system.tableName, Key: { pk: item.pk, sk: item.sk } }),
    );
    expect(stored.Item?.receivedKey?.S).toBe('2024-09-27#t1');
  });

  it('S3 stores and returns an object, and a presigned GET fetches it over HTTP', async () => {
    const { s3 } = system.clients;
    const Key = 'reports/test/2024/report.md';
    const Body = '# 测试报告\n本年新收 1 件';
    await s3.send(
      new PutObjectCommand({ Bucket: system.bucketName, Key, Body, ContentType: 'text/markdown; charset=utf-8' }),
    );

    const got = await s3.send(new GetObjectCommand({ Bucket: system.bucketName, Key }));
    expect(await got.Body?.transformToString()).toBe(Body);

    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: system.bucketName, Key }), { expiresIn: 60 });
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(Body);
  });

  it('SES SendEmail is read back from the local mail store', async () => {
    await system.clients.ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'noreply@gongkai.local',
        Destination: { ToAddresses: ['applicant@example.cn'] },
        Content: { Simple: { Subject: { Data: '受理回执' }, Body: { Text: { Data: '答复期限 2024-10-30' } } } },
      }),
    );
    const store = (await (await fetch(`${system.urls.ses}/store`)).json()) as {
      emails: { subject: string; destination: { to: string[] }; body: { text: string } }[];
    };
    expect(store.emails).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          subject: '受理回执',
          destination: expect.objectContaining({ to: ['applicant@example.cn'] }),
        }),
      ]),
    );
  });

  it('Step Functions runs the synthesised reply timeline to SUCCEEDED', async () => {
    const { sfn } = system.clients;
    expect(system.stateMachines.map((m) => m.path)).toEqual(
      expect.arrayContaining([expect.stringContaining('ReplyTimeline')]),
    );
    // A case that does not exist: PlanNextStep answers "done" and the execution succeeds.
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: system.timelineArn,
        name: 'no-such-case-v1',
        input: JSON.stringify({ caseId: 'no-such-case', version: 1 }),
      }),
    );
    let status = 'RUNNING';
    for (let attempt = 0; attempt < 100 && status === 'RUNNING'; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = (await sfn.send(new DescribeExecutionCommand({ executionArn }))).status ?? 'UNKNOWN';
    }
    expect(status).toBe('SUCCEEDED');
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(JSON.parse(described.output ?? '{}')).toMatchObject({ plan: { step: 'done' } });
    const listed = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: system.timelineArn, statusFilter: 'SUCCEEDED' }),
    );
    expect(listed.executions?.map((e) => e.name)).toContain('no-such-case-v1');
  });

  it('answers ExecutionAlreadyExists for a name reused with other input', async () => {
    const { sfn } = system.clients;
    await expect(
      sfn.send(
        new StartExecutionCommand({
          stateMachineArn: system.timelineArn,
          name: 'no-such-case-v1',
          input: '{"caseId":"x","version":1}',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
  });
});
