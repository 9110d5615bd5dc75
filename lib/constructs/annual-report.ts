import { Duration, TimeZone } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { ANNUAL_REPORT_SCHEDULE } from '../schedules';
import { AgencyJobs } from './agency-jobs';
import { ServiceFunction } from './service-function';

export interface AnnualReportProps {
  table: dynamodb.ITable;
  /** The versioned reports bucket; the functions may touch only `reports/*`. */
  bucket: s3.IBucket;
  /** Environment shared by every function (table name, bucket name, sender, base URL). */
  environment: Record<string, string>;
  grantSendEmail: (fn: ServiceFunction) => void;
  /** Where a scheduled invocation that failed every retry goes (alarmed on by the operations construct). */
  deadLetterQueue?: sqs.IQueue;
}

/** The S3 prefix of every report file (`reports/<agencyId>/<year>/report.<ext>`). */
const REPORTS_PREFIX = 'reports/*';

/**
 * The annual report (年度报告, Art. 49–50): the API function (year data, generation, publication, the report in
 * four formats, roll-ups) and the January schedule — EventBridge Scheduler, Asia/Shanghai, 02:00 on 2 January —
 * that generates every agency's previous-year draft and emails each office.
 */
export class AnnualReport extends Construct {
  /** The API function (routes of `lib/api-routes.ts` with fn `annual-report`). */
  readonly fn: ServiceFunction;
  /** The scheduled function (`scheduled` export of the same handler file). */
  readonly scheduledFn: ServiceFunction;
  readonly schedule: scheduler.Schedule;
  /** The January drafts fanned out per agency (the scheduled function does every step). */
  readonly jobs: AgencyJobs;

  constructor(scope: Construct, id: string, props: AnnualReportProps) {
    super(scope, id);
    this.fn = new ServiceFunction(this, 'Api', {
      entry: 'functions/annual-report/handler.ts',
      handler: 'handler',
      description: 'Annual report API: year data, generation, publication, the report in four formats, roll-ups',
      environment: props.environment,
      timeout: Duration.seconds(29),
      memorySize: 1024,
    });
    this.scheduledFn = new ServiceFunction(this, 'Scheduled', {
      entry: 'functions/annual-report/handler.ts',
      handler: 'scheduled',
      description: "Generates one agency's previous-year annual report draft and emails its office (AgencyJobs)",
      environment: props.environment,
      timeout: Duration.minutes(15),
      memorySize: 1024,
    });
    for (const fn of [this.fn, this.scheduledFn]) {
      props.table.grantReadWriteData(fn);
      props.bucket.grantReadWrite(fn, REPORTS_PREFIX);
      props.grantSendEmail(fn);
    }

    // Issue 15: each agency's draft is its own retried step (a Map state), not one 15-minute serial loop.
    this.jobs = new AgencyJobs(this, 'AgencyJobs', {
      worker: this.scheduledFn,
      description: "Per agency: the previous year's annual report draft and the office's email (2 January)",
      maxConcurrency: 2,
    });
    this.schedule = new scheduler.Schedule(this, 'JanuaryDrafts', {
      description: "Early on 2 January (Beijing time): every agency's draft annual report for the year just ended",
      schedule: scheduler.ScheduleExpression.cron({
        minute: ANNUAL_REPORT_SCHEDULE.minute,
        hour: ANNUAL_REPORT_SCHEDULE.hour,
        day: ANNUAL_REPORT_SCHEDULE.day,
        month: ANNUAL_REPORT_SCHEDULE.month,
        timeZone: TimeZone.ASIA_SHANGHAI,
      }),
      target: new targets.StepFunctionsStartExecution(this.jobs.stateMachine, {
        input: scheduler.ScheduleTargetInput.fromObject({
          task: 'annual_report_agencies',
          source: 'aws.scheduler',
          time: scheduler.ContextAttribute.scheduledTime,
        }),
        retryAttempts: 3,
        maxEventAge: Duration.hours(6),
        ...(props.deadLetterQueue ? { deadLetterQueue: props.deadLetterQueue } : {}),
      }),
    });
  }
}
