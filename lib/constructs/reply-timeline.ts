import { Duration, RemovalPolicy, TimeZone } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import * as path from 'node:path';
import { DIGEST_SCHEDULE, RECONCILE_SCHEDULE } from '../schedules';
import { AgencyJobs } from './agency-jobs';
import { ServiceFunction } from './service-function';

export interface ReplyTimelineProps {
  table: dynamodb.ITable;
  /** Environment shared by every function (table name, sender, base URL). */
  environment: Record<string, string>;
  grantSendEmail: (fn: ServiceFunction) => void;
  /** Where a scheduled invocation that failed every retry goes (alarmed on by the operations construct). */
  deadLetterQueue?: sqs.IQueue;
}

/**
 * The reply timeline: a Standard state machine (definition file `lib/statemachine/reply-timeline.asl.json`)
 * that runs one execution per case version, the deadline-tracker Lambda behind its Task states, and the
 * daily reconcile job that restarts any open case's missing timeline.
 */
export class ReplyTimeline extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly tracker: ServiceFunction;
  readonly reconciler: ServiceFunction;
  /** The reconcile and the calendar recompute, fanned out per agency (the reconciler does every step). */
  readonly jobs: AgencyJobs;

  constructor(scope: Construct, id: string, props: ReplyTimelineProps) {
    super(scope, id);
    this.tracker = new ServiceFunction(this, 'DeadlineTracker', {
      entry: 'functions/deadline-tracker/handler.ts',
      description: 'Plans and acts on the statutory moments of a case (reminders, escalation, automatic closing)',
      environment: props.environment,
      timeout: Duration.seconds(30),
    });
    props.table.grantReadWriteData(this.tracker);
    props.grantSendEmail(this.tracker);

    const logGroup = new logs.LogGroup(this, 'ExecutionLogs', {
      retention: logs.RetentionDays.SIX_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromFile(
        path.join(__dirname, '..', 'statemachine', 'reply-timeline.asl.json'),
      ),
      definitionSubstitutions: { DeadlineTrackerArn: this.tracker.functionArn },
      tracingEnabled: true,
      logs: { destination: logGroup, level: sfn.LogLevel.ERROR, includeExecutionData: false },
    });
    // Explicit IAM: the state machine may invoke exactly the tracker.
    this.tracker.grantInvoke(this.stateMachine);

    // The daily reminder digests (design.md §9): at most one email per recipient per working day, at 09:00.
    new scheduler.Schedule(this, 'DailyDigests', {
      description: 'Each agency office and head: one digest email per working day (due, arrived, overdue)',
      schedule: scheduler.ScheduleExpression.cron({
        minute: DIGEST_SCHEDULE.minute,
        hour: DIGEST_SCHEDULE.hour,
        timeZone: TimeZone.ASIA_SHANGHAI,
      }),
      target: new targets.LambdaInvoke(this.tracker, {
        input: scheduler.ScheduleTargetInput.fromObject({ task: 'digest' }),
        ...(props.deadLetterQueue ? { deadLetterQueue: props.deadLetterQueue } : {}),
      }),
    });

    // The reconcile job starts executions, so it runs as its own function (the tracker itself must not
    // depend on the state machine that depends on it).
    const reconciler = (this.reconciler = new ServiceFunction(this, 'Reconciler', {
      entry: 'functions/deadline-tracker/handler.ts',
      description: "Reconciles one agency's open cases with their timelines and deadlines (a step of AgencyJobs)",
      environment: props.environment,
      timeout: Duration.minutes(5),
    }));
    // It rewrites the derived deadlines of open cases when the calendar changes them.
    props.table.grantReadWriteData(reconciler);
    this.grantTimelineControl(reconciler);
    // Issue 15: per agency, each agency its own retried step, instead of one serial loop in one invocation.
    this.jobs = new AgencyJobs(this, 'AgencyJobs', {
      worker: reconciler,
      description: 'Per agency: the daily reconcile of timelines and deadlines; the recompute after a calendar change',
    });
    new scheduler.Schedule(this, 'DailyReconcile', {
      description: 'Restart the timeline of every open case whose current version has none running (per agency)',
      schedule: scheduler.ScheduleExpression.cron({
        minute: RECONCILE_SCHEDULE.minute,
        hour: RECONCILE_SCHEDULE.hour,
        timeZone: TimeZone.ASIA_SHANGHAI,
      }),
      target: new targets.StepFunctionsStartExecution(this.jobs.stateMachine, {
        input: scheduler.ScheduleTargetInput.fromObject({ task: 'reconcile_agencies' }),
        retryAttempts: 3,
        ...(props.deadLetterQueue ? { deadLetterQueue: props.deadLetterQueue } : {}),
      }),
    });
  }

  /** Lets a function start, stop, describe and list this timeline's executions. */
  grantTimelineControl(fn: ServiceFunction): void {
    this.stateMachine.grantStartExecution(fn);
    this.stateMachine.grantRead(fn);
    this.stateMachine.grantExecution(fn, 'states:StopExecution');
    fn.addEnvironment('TIMELINE_STATE_MACHINE_ARN', this.stateMachine.stateMachineArn);
  }
}
