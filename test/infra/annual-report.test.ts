import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AnnualReport } from '../../lib/constructs/annual-report';

/** A small stack holding just the annual-report construct, a table and a bucket (bundling skipped). */
function synthesize(): Template {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'AnnualReportTest');
  const table = new dynamodb.Table(stack, 'Table', {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
  });
  const bucket = new s3.Bucket(stack, 'Bucket', { versioned: true });
  new AnnualReport(stack, 'AnnualReport', {
    table,
    bucket,
    environment: { CASE_TABLE_NAME: table.tableName, REPORT_BUCKET_NAME: bucket.bucketName },
    grantSendEmail: (fn) =>
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['ses:SendEmail'], resources: ['*'] })),
  });
  return Template.fromStack(stack);
}

describe('the annual-report construct', () => {
  const template = synthesize();

  it('schedules the drafts at 02:00 on 2 January in the Asia/Shanghai time zone', () => {
    // Arrange: the synthesised template. Act + Assert:
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 2 2 1 ? *)',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      State: 'ENABLED',
    });
  });

  it('starts the per-agency job (the scheduled export of the handler does each step) with the scheduled time, retrying on failure', () => {
    const schedules = template.findResources('AWS::Scheduler::Schedule');
    expect(Object.keys(schedules)).toHaveLength(1);
    const [machineId] = Object.keys(template.findResources('AWS::StepFunctions::StateMachine'));
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      Target: Match.objectLike({
        Arn: { Ref: machineId },
        Input: Match.serializedJson({
          task: 'annual_report_agencies',
          source: 'aws.scheduler',
          time: '<aws.scheduler.scheduled-time>',
        }),
        RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 3 }),
      }),
    });
    template.hasResourceProperties('AWS::Lambda::Function', { Handler: 'index.scheduled', Runtime: 'nodejs22.x' });
    template.hasResourceProperties('AWS::Lambda::Function', { Handler: 'index.handler', Runtime: 'nodejs22.x' });
  });

  it('lets the functions write report files only under reports/ in the bucket', () => {
    const policies = template.findResources('AWS::IAM::Policy');
    const statements = Object.values(policies).flatMap(
      (p) =>
        (p as { Properties: { PolicyDocument: { Statement: { Action: unknown; Resource: unknown }[] } } }).Properties
          .PolicyDocument.Statement,
    );
    const s3Writes = statements.filter((s) => JSON.stringify(s.Action).includes('s3:PutObject'));
    expect(s3Writes.length).toBeGreaterThan(0);
    for (const statement of s3Writes) expect(JSON.stringify(statement.Resource)).toContain('/reports/*');
  });
});
