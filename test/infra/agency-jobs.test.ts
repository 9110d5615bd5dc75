import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildStack } from '../../lib/build-stack';
import { buildWeb } from '../../web/build';

/**
 * Issue 15 (Operations): the daily reconcile, the January reports and the recompute after a calendar change fan out
 * per agency — a Standard state machine with a Map state whose every item is retried and, failing every retry, kept
 * so the others go on and the execution fails at its end — started by the schedules (failed starts to the dead-letter
 * queue) and by the administration; failed and timed-out executions alarm.
 */
beforeAll(() => buildWeb(), 60_000);

type Definition = { StartAt: string; States: Record<string, Record<string, unknown>> };

/** The state machines of the template with their definitions (CDK writes them as Fn::Join of strings and tokens). */
function machines(template: Template): { id: string; definition: Definition }[] {
  return Object.entries(template.findResources('AWS::StepFunctions::StateMachine')).flatMap(([id, resource]) => {
    const body = (resource as { Properties: { DefinitionString?: unknown } }).Properties.DefinitionString;
    if (!body) return [];
    const join = (body as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
    const text = join
      ? join[1].map((part) => (typeof part === 'string' ? part : '"TOKEN"')).join('')
      : String(body as string);
    return [{ id, definition: JSON.parse(text.replace(/""TOKEN""/g, '"TOKEN"')) as Definition }];
  });
}

describe('per-agency jobs', () => {
  let template: Template;
  let jobs: { id: string; definition: Definition }[];
  beforeAll(() => {
    const app = new App({
      context: {
        'aws:cdk:bundling-stacks': [],
        'gongkai:senderEmail': 'noreply@example.gov.cn',
        'gongkai:publicBaseUrl': 'https://gongkai.example.gov.cn',
        'gongkai:alarmTopicName': 'xihua-gongkai-alarms',
      },
    });
    template = Template.fromStack(buildStack(app));
    jobs = machines(template).filter((m) => m.definition.States.EachAgency !== undefined);
  });

  it('are two state machines: plan, a Map over the agencies with retried and caught steps, and a finish', () => {
    expect(jobs).toHaveLength(2);
    for (const { definition } of jobs) {
      expect(definition.StartAt).toBe('Agencies');
      expect(definition.States.Agencies).toMatchObject({ Type: 'Task', Next: 'EachAgency' });
      const map = definition.States.EachAgency as {
        Type: string;
        ItemsPath: string;
        MaxConcurrency: number;
        ResultPath: string;
        Next: string;
        ItemProcessor: Definition;
      };
      expect(map).toMatchObject({ Type: 'Map', ItemsPath: '$.items', ResultPath: '$.results', Next: 'Finish' });
      expect(map.MaxConcurrency).toBeGreaterThan(0);
      const step = map.ItemProcessor.States.Agency as {
        Retry: { ErrorEquals: string[]; MaxAttempts: number }[];
        Catch: { ErrorEquals: string[]; Next: string; ResultPath: string }[];
      };
      expect(step.Retry).toContainEqual(expect.objectContaining({ ErrorEquals: ['States.ALL'], MaxAttempts: 2 }));
      expect(step.Catch).toEqual([{ ErrorEquals: ['States.ALL'], Next: 'AgencyFailed', ResultPath: '$.error' }]);
      expect(definition.States.Finish).toMatchObject({ Type: 'Task', End: true });
    }
  });

  it('are started by the daily reconcile and the January schedule, a failed start going to the dead-letter queue', () => {
    const schedules = Object.values(template.findResources('AWS::Scheduler::Schedule')) as {
      Properties: { Target: { Arn: unknown; Input: string; DeadLetterConfig?: { Arn: unknown } } };
    }[];
    const targets = schedules.map((s) => s.Properties.Target);
    for (const task of ['reconcile_agencies', 'annual_report_agencies']) {
      const target = targets.find((t) => (JSON.parse(t.Input) as { task?: string }).task === task);
      expect(target?.DeadLetterConfig?.Arn).toBeDefined();
      expect(jobs.map((j) => ({ Ref: j.id }))).toContainEqual(target?.Arn);
    }
  });

  it('can be started by the administration (the recompute after a calendar change)', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function')) as {
      Properties: { Environment?: { Variables?: Record<string, unknown> } };
      Metadata?: Record<string, unknown>;
    }[];
    const admin = functions.find((f) => f.Metadata?.['gongkai:handler'] === 'functions/admin/handler.ts#handler');
    const arn = admin?.Properties.Environment?.Variables?.AGENCY_JOBS_STATE_MACHINE_ARN;
    expect(jobs.map((j) => ({ Ref: j.id }))).toContainEqual(arn);
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (p) =>
        (p as { Properties: { PolicyDocument: { Statement: { Action: unknown; Resource: unknown }[] } } }).Properties
          .PolicyDocument.Statement,
    );
    expect(statements).toContainEqual(expect.objectContaining({ Action: 'states:StartExecution', Resource: arn }));
  });

  it('alarm on failed and timed-out executions', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')) as {
      Properties: { MetricName: string; Dimensions?: { Name: string; Value: unknown }[] };
    }[];
    for (const { id } of jobs)
      for (const metric of ['ExecutionsFailed', 'ExecutionsTimedOut'])
        expect(
          alarms.some(
            (a) =>
              a.Properties.MetricName === metric &&
              a.Properties.Dimensions?.some(
                (d) => d.Name === 'StateMachineArn' && JSON.stringify(d.Value) === JSON.stringify({ Ref: id }),
              ),
          ),
        ).toBe(true);
  });
});

describe('tracing', () => {
  const functionsOf = (tracing?: string) => {
    const app = new App({
      context: {
        'aws:cdk:bundling-stacks': [],
        'gongkai:senderEmail': 'noreply@example.gov.cn',
        'gongkai:publicBaseUrl': 'https://gongkai.example.gov.cn',
        ...(tracing ? { 'gongkai:tracing': tracing } : {}),
      },
    });
    return Object.values(Template.fromStack(buildStack(app)).findResources('AWS::Lambda::Function'))
      .map(
        (f) =>
          f as {
            Properties: { TracingConfig?: { Mode: string }; Environment?: { Variables?: Record<string, unknown> } };
            Metadata?: Record<string, unknown>;
          },
      )
      .filter((f) => f.Metadata?.['gongkai:handler'] !== undefined);
  };

  it('is on for every function by default (Powertools Tracer, no error messages in traces), off with gongkai:tracing=false', () => {
    const on = functionsOf();
    const off = functionsOf('false');
    expect(on.length).toBeGreaterThan(5);
    for (const f of on) {
      expect(f.Properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(f.Properties.Environment?.Variables).toMatchObject({ POWERTOOLS_TRACER_CAPTURE_ERROR: 'false' });
      expect(f.Properties.Environment?.Variables?.POWERTOOLS_TRACE_ENABLED).toBeUndefined();
    }
    for (const f of off) {
      expect(f.Properties.TracingConfig).toEqual({ Mode: 'PassThrough' });
      expect(f.Properties.Environment?.Variables).toMatchObject({ POWERTOOLS_TRACE_ENABLED: 'false' });
    }
  });
});
