import { Token, Validations, type CfnElement, type Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { GongkaiStack } from './gongkai-stack';

/**
 * The cdk-nag AWS Solutions findings gongkai accepts, each with its reason, on the narrowest construct.
 * Everything else the rule pack reports fails the infra test (`test/infra/nag.test.ts`).
 */
export function acknowledgeNagFindings(stack: GongkaiStack): void {
  const on = (scope: Stack | { node: Stack['node'] }, id: string, reason: string) =>
    Validations.of(scope as Stack).acknowledge({ id, reason });

  const managed = (name: string) =>
    `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/${name}]`;
  on(
    stack,
    managed('AWSLambdaBasicExecutionRole'),
    'The managed policy AWS maintains for Lambda logging (CloudWatch Logs only).',
  );
  on(
    stack,
    managed('AmazonAPIGatewayPushToCloudWatchLogs'),
    'The managed policy AWS maintains for API Gateway execution logs.',
  );

  // Wildcards that CDK grant helpers produce, each scoped to one resource of this stack.
  const logicalId = (construct: IConstruct) => stack.getLogicalId(construct.node.defaultChild as CfnElement);
  const arn = (construct: IConstruct) => `<${logicalId(construct)}.Arn>`;
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  const grantWildcards: [string, string][] = [
    ['Action::kms:GenerateDataKey*', 'KMS data-key actions of the grant on the table key only.'],
    ['Action::kms:ReEncrypt*', 'KMS re-encrypt actions of the grant on the table key only.'],
    ['Action::s3:Abort*', 'Multipart-upload abort on the reports prefix only.'],
    [
      'Action::s3:DeleteObject*',
      'Object deletion of the web deployment (web bucket) and of rejected uploads (case-files prefix) only.',
    ],
    ['Action::s3:GetBucket*', "Bucket reads on the stack's own buckets only."],
    ['Action::s3:GetObject*', "Object reads on the stack's own buckets only."],
    ['Action::s3:List*', "Listing the stack's own buckets only."],
    ['Resource::*', 'X-Ray tracing (PutTraceSegments) and actions that have no resource scope.'],
    [`Resource::${arn(stack.caseStore.table)}/index/*`, "The case table's own indexes."],
    [`Resource::${arn(stack.reportStore.bucket)}/reports/*`, 'The reports prefix of the reports bucket.'],
    [`Resource::${arn(stack.web.bucket)}/*`, "The web bucket's objects (deployment)."],
    [`Resource::${arn(stack.caseFiles.bucket)}/cases/*`, 'The cases prefix of the case-files bucket.'],
    [`Resource::${arn(stack.timeline.tracker)}:*`, 'Versions of the deadline tracker the state machine invokes.'],
    [`Resource::${arn(stack.timeline.reconciler)}:*`, 'Versions of the reconciler its per-agency job invokes.'],
    [`Resource::${arn(stack.outbox.sender)}:*`, 'Versions of the outbox sender that writers and its schedule invoke.'],
    [`Resource::${arn(stack.reportStore.bucket)}/*`, 'Read-only: the files the outbox sender attaches to notices.'],
    [
      `Resource::${arn(stack.annualReport.scheduledFn)}:*`,
      'Versions of the scheduled report function its per-agency job invokes.',
    ],
    [
      `Resource::arn:<AWS::Partition>:states:${region}:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${logicalId(stack.timeline.stateMachine)}"}]}]}:*`,
      'Executions of the reply timeline only (start, describe, stop).',
    ],
    [
      `Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${region}/*`,
      'The CDK bootstrap assets bucket the web deployment reads from.',
    ],
  ];
  for (const [finding, reason] of grantWildcards) on(stack, `AwsSolutions-IAM5[${finding}]`, reason);
  on(
    stack.caseStore.searchKey,
    'AwsSolutions-SMG4',
    'The search hash key cannot be rotated: every stored keyed hash of a name, phone or ID number would stop matching.',
  );
  on(
    stack,
    'AwsSolutions-L1',
    'gongkai targets Node.js 22 (nodejs22.x) deliberately; CDK custom resources choose their own runtime.',
  );
  on(
    stack.operations.deadLetters,
    'AwsSolutions-SQS3',
    'It is itself the dead-letter queue of the EventBridge Scheduler targets (reconcile, January reports), alarmed on.',
  );
  on(
    stack.timeline.stateMachine,
    'AwsSolutions-SF1',
    'Errors are logged; executions carry only case ids, and the case event log in DynamoDB is the audit trail of every step.',
  );
  for (const jobs of [stack.timeline.jobs.stateMachine, stack.annualReport.jobs.stateMachine])
    on(
      jobs,
      'AwsSolutions-SF1',
      'Errors are logged; the per-agency jobs carry only agency ids and counts, and each step logs what it did.',
    );
  on(
    stack.api.api,
    'AwsSolutions-APIG2',
    'Every body is validated in the Lambda with zod, so that errors name the field in Chinese; API Gateway validation would answer in English.',
  );
  on(
    stack.api.api,
    'AwsSolutions-APIG3',
    'A WAF web ACL is an agency decision (cost, rules); attach one to the stage or distribution at deployment.',
  );
  on(
    stack.api.api,
    'AwsSolutions-APIG4',
    'The public routes (apply, status with tracking code, agencies, published reports) are public by law (Art. 29); staff routes use Cognito.',
  );
  on(
    stack.api.api,
    'AwsSolutions-COG4',
    'The public routes are public by design; every staff route has the Cognito user-pool authoriser.',
  );
  on(
    stack.api.userPool,
    'AwsSolutions-COG8',
    'The Essentials feature plan covers staff sign-in with MFA; Plus threat protection is an agency choice.',
  );
  on(
    stack.web.distribution,
    'AwsSolutions-CFR1',
    'Applicants may apply from abroad (Art. 27 does not restrict residence): no geo restriction.',
  );
  on(
    stack.web.distribution,
    'AwsSolutions-CFR2',
    'A WAF web ACL is an agency decision (cost, rules); attach one at deployment.',
  );
  on(
    stack.web.distribution,
    'AwsSolutions-CFR3',
    'Distribution access logs need a log bucket with ACLs; the API keeps its own access logs.',
  );
  on(
    stack.web.distribution,
    'AwsSolutions-CFR4',
    'The default CloudFront certificate allows TLS 1.0; a custom domain with its ACM certificate (TLS 1.2) is configured at deployment.',
  );
  on(
    stack.web.bucket,
    'AwsSolutions-S1',
    'Static pages only, served through CloudFront with origin access control; no personal data in this bucket.',
  );
}
