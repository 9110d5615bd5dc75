import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { API_ROUTES } from '../../lib/api-routes';
import { buildStack } from '../../lib/build-stack';
import { buildWeb } from '../../web/build';

/** Issue 15 acceptance 3: what makes the AWS deployment behave as the local system does, and operations. */
beforeAll(() => buildWeb(), 60_000);

function synthesize(): Template {
  const app = new App({
    context: {
      'aws:cdk:bundling-stacks': [],
      'gongkai:senderEmail': 'noreply@example.gov.cn',
      'gongkai:publicBaseUrl': 'https://gongkai.example.gov.cn',
      'gongkai:alarmTopicName': 'xihua-gongkai-alarms',
      'gongkai:signInDomainPrefix': 'xihua-gongkai',
    },
  });
  return Template.fromStack(buildStack(app));
}

describe('AWS fidelity and operations', () => {
  let template: Template;
  beforeAll(() => {
    template = synthesize();
  });

  it('answers Word and Excel files as bytes (binary media types)', () => {
    template.hasResourceProperties('AWS::ApiGateway::RestApi', {
      BinaryMediaTypes: Match.arrayWith([
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ]),
    });
  });

  it.each([
    ['UNAUTHORIZED', '401', 'unauthorized'],
    ['ACCESS_DENIED', '403', 'forbidden'],
    ['THROTTLED', '429', 'too_many_requests'],
    ['DEFAULT_4XX', undefined, 'bad_request'],
    ['DEFAULT_5XX', undefined, 'internal'],
  ])("answers API Gateway's own %s in the error contract's shape with a Chinese message", (type, status, code) => {
    const responses = template.findResources('AWS::ApiGateway::GatewayResponse', {
      Properties: { ResponseType: type },
    });
    const [response] = Object.values(responses) as {
      Properties: { StatusCode?: string; ResponseTemplates: Record<string, string> };
    }[];
    expect(response).toBeDefined();
    expect(response?.Properties.StatusCode).toBe(status);
    const body = JSON.parse(response?.Properties.ResponseTemplates['application/json'] ?? '{}') as {
      error: { code: string; message: string };
    };
    expect(body.error.code).toBe(code);
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('puts the Cognito authoriser on every admin route (the function answers 403 to non-admins)', () => {
    const adminRoutes = API_ROUTES.filter((r) => r.access === 'admin');
    expect(adminRoutes.map((r) => `${r.method} ${r.resource}`)).toEqual([
      'GET /v1/admin/agencies',
      'PUT /v1/admin/agencies/{agencyId}',
      'GET /v1/admin/calendars',
      'PUT /v1/admin/calendars/{year}',
      'GET /v1/admin/calendars/{year}/recompute',
    ]);
    const methods = Object.values(
      template.findResources('AWS::ApiGateway::Method', { Properties: { AuthorizationType: 'COGNITO_USER_POOLS' } }),
    );
    expect(methods.length).toBe(API_ROUTES.filter((r) => r.access === 'staff' || r.access === 'admin').length);
  });

  it('sends every alarm to the SNS topic named in the context', () => {
    const topics = template.findResources('AWS::SNS::Topic', { Properties: { TopicName: 'xihua-gongkai-alarms' } });
    const [topicId] = Object.keys(topics);
    expect(topicId).toBeDefined();
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as {
      Properties: { MetricName: string; Namespace: string; AlarmActions: unknown[] };
    }[];
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
    const metrics = alarms.map((a) => `${a.Properties.Namespace}/${a.Properties.MetricName}`);
    expect(metrics).toEqual(
      expect.arrayContaining([
        'AWS/States/ExecutionsFailed',
        'AWS/States/ExecutionsTimedOut',
        'AWS/Lambda/Errors',
        'AWS/ApiGateway/5XXError',
        'AWS/SQS/ApproximateNumberOfMessagesVisible',
      ]),
    );
    // One Lambda-errors alarm per function of the service.
    const serviceFunctions = Object.values(template.findResources('AWS::Lambda::Function')).filter((f) =>
      JSON.stringify(f).includes('gongkai:handler'),
    );
    expect(metrics.filter((m) => m === 'AWS/Lambda/Errors')).toHaveLength(serviceFunctions.length);
  });

  it('sends the scheduled jobs that fail every retry to the alarmed dead-letter queue', () => {
    const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule')) as {
      Properties: { Target: { DeadLetterConfig?: { Arn: unknown } } };
    }[];
    expect(schedules.length).toBeGreaterThanOrEqual(2);
    for (const schedule of schedules) expect(schedule.Properties.Target.DeadLetterConfig?.Arn).toBeDefined();
  });

  it('lets the console sign in through the hosted UI with the authorization code grant (PKCE, no secret)', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: Match.arrayWith(['openid']),
      CallbackURLs: ['https://gongkai.example.gov.cn/console.html'],
      LogoutURLs: ['https://gongkai.example.gov.cn/console.html'],
      GenerateSecret: false,
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'xihua-gongkai' });
    template.hasOutput('StaffUserPoolId', {});
    template.hasOutput('StaffUserPoolClientId', {});
    template.hasOutput('StaffSignInUrl', {});
    template.hasOutput('AlarmTopicArn', {});
  });
});
