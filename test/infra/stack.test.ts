import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildStack } from '../../lib/build-stack';
import { HANDLER_METADATA_KEY } from '../../lib/constructs/service-function';
import { buildWeb } from '../../web/build';

beforeAll(() => buildWeb(), 60_000);

/** Synthesises the stack as `cdk synth` does, without bundling (no esbuild runs in the tests). */
function synthesize(): Template {
  const app = new App({
    context: {
      'aws:cdk:bundling-stacks': [],
      'gongkai:senderEmail': 'noreply@example.gov.cn',
      'gongkai:publicBaseUrl': 'https://gongkai.example.gov.cn',
    },
  });
  return Template.fromStack(buildStack(app));
}

describe('the gongkai stack', () => {
  let template: Template;
  beforeAll(() => {
    template = synthesize();
  });

  it('keeps cases in a table with point-in-time recovery, KMS encryption and retention', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: Match.objectLike({ SSEEnabled: true, SSEType: 'KMS' }),
        GlobalSecondaryIndexes: Match.arrayWith([
          Match.objectLike({ IndexName: 'byReceiptNumber' }),
          Match.objectLike({ IndexName: 'openByDue' }),
          Match.objectLike({ IndexName: 'byReceived' }),
          Match.objectLike({ IndexName: 'byClosed' }),
        ]),
      }),
      DeletionPolicy: 'Retain',
    });
  });

  it('keeps reports in a versioned, encrypted bucket that blocks all public access', () => {
    template.hasResource('AWS::S3::Bucket', {
      Properties: Match.objectLike({
        VersioningConfiguration: { Status: 'Enabled' },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            Match.objectLike({ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }),
          ],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
      }),
      DeletionPolicy: 'Retain',
    });
  });

  it('runs every service function on arm64 and Node.js 22 with tracing', () => {
    // CDK's own custom-resource functions (the web deployment) are not ours to configure.
    const ours = template.findResources('AWS::Lambda::Function', {
      Metadata: { [HANDLER_METADATA_KEY]: Match.anyValue() },
    });
    const conforming = template.findResources('AWS::Lambda::Function', {
      Metadata: { [HANDLER_METADATA_KEY]: Match.anyValue() },
      Properties: { Runtime: 'nodejs22.x', Architectures: ['arm64'], TracingConfig: { Mode: 'Active' } },
    });
    expect(Object.keys(ours).length).toBeGreaterThanOrEqual(6);
    expect(Object.keys(conforming)).toEqual(Object.keys(ours));
  });

  it('runs the reply timeline as a Standard state machine with tracing and logging', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ Level: 'ERROR' }),
    });
  });
});

describe('the API', () => {
  let template: Template;
  beforeAll(() => {
    template = synthesize();
  });

  it('serves the web and the API from one CloudFront origin set (same origin)', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        CacheBehaviors: Match.arrayWith([Match.objectLike({ PathPattern: '/v1/*' })]),
      }),
    });
  });

  it('puts a Cognito user-pool authoriser on every staff route and none on the public ones', () => {
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', { Type: 'COGNITO_USER_POOLS' });
    const methods = Object.values(template.findResources('AWS::ApiGateway::Method')).map(
      (m) => m.Properties as { HttpMethod: string; AuthorizationType: string },
    );
    expect(methods.filter((m) => m.AuthorizationType === 'COGNITO_USER_POOLS').length).toBeGreaterThanOrEqual(9);
    expect(methods.filter((m) => m.AuthorizationType === 'NONE').length).toBeGreaterThanOrEqual(5);
  });

  it('throttles the stage and keeps access logs', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: Match.arrayWith([Match.objectLike({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 })]),
      AccessLogSetting: Match.objectLike({ DestinationArn: Match.anyValue() }),
      TracingEnabled: true,
    });
  });

  it('sweeps the notice outbox every minute and lets writers hand cases to its sender asynchronously', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(1 minute)',
      Target: Match.objectLike({ Input: JSON.stringify({ task: 'sweep' }) }),
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ OUTBOX_SENDER_FUNCTION_NAME: Match.anyValue() }) },
    });
  });

  it('lets the API functions send email only as the sender identity', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'ses:SendEmail',
            Resource: Match.arrayWith([Match.objectLike({ 'Fn::Join': Match.anyValue() })]),
          }),
        ]),
      },
    });
  });
});
