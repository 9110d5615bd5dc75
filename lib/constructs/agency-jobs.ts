import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import type { ServiceFunction } from './service-function';

export interface AgencyJobsProps {
  /** The function that does every step: it plans the job, does one agency's share, and finishes. */
  worker: ServiceFunction;
  /** What the jobs are, for the state machine's comment. */
  description: string;
  /** How many agencies are worked on at once (the table and the timeline's start rate share the load). */
  maxConcurrency?: number;
}

/**
 * A job fanned out per agency (issue 15: the daily reconcile, the January reports, a calendar recompute): a Standard
 * state machine whose input names the job's first task, e.g. `{ "task": "reconcile_agencies" }`.
 *
 * - `Agencies` (the worker) answers `{ task: "<job>_finish", items: [one input per agency, each with its task], … }`;
 * - `EachAgency`, a Map state, runs `Agency` (the worker) on every item, a few at once, each retried with backoff; an
 *   agency that still fails is caught (`AgencyFailed`) so the others go on, and its item is kept with its `error`;
 * - `Finish` (the worker) gets the plan with the Map's `results` and throws when any agency failed, so the execution
 *   FAILS and the operations construct's alarm on failed executions fires.
 *
 * Every item carries its own task, so one state machine serves every job of its worker. Locally the same definition
 * runs in the local Step Functions (the local system starts a calendar recompute through it).
 */
export class AgencyJobs extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: AgencyJobsProps) {
    super(scope, id);
    const invoke = (name: string) =>
      new tasks.LambdaInvoke(this, name, {
        lambdaFunction: props.worker,
        payloadResponseOnly: true,
        retryOnServiceExceptions: true,
      });
    const agencies = invoke('Agencies');
    const agency = invoke('Agency');
    agency.addRetry({
      errors: ['States.ALL'],
      interval: Duration.seconds(10),
      maxAttempts: 2,
      backoffRate: 3,
    });
    // The failed agency's item, with the error, is its result: the other agencies carry on.
    agency.addCatch(new sfn.Pass(this, 'AgencyFailed'), { errors: ['States.ALL'], resultPath: '$.error' });
    const each = new sfn.Map(this, 'EachAgency', {
      itemsPath: '$.items',
      resultPath: '$.results',
      maxConcurrency: props.maxConcurrency ?? 4,
    });
    each.itemProcessor(agency);
    const finish = invoke('Finish');

    const logGroup = new logs.LogGroup(this, 'ExecutionLogs', {
      retention: logs.RetentionDays.SIX_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineType: sfn.StateMachineType.STANDARD,
      comment: props.description,
      definitionBody: sfn.DefinitionBody.fromChainable(agencies.next(each).next(finish)),
      timeout: Duration.hours(6),
      tracingEnabled: true,
      logs: { destination: logGroup, level: sfn.LogLevel.ERROR, includeExecutionData: false },
    });
  }

  /** Lets a function start a job (the ARN is in `AGENCY_JOBS_STATE_MACHINE_ARN`). */
  grantStart(fn: ServiceFunction, variable = 'AGENCY_JOBS_STATE_MACHINE_ARN'): void {
    this.stateMachine.grantStartExecution(fn);
    fn.addEnvironment(variable, this.stateMachine.stateMachineArn);
  }
}
