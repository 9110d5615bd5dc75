import { Duration } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { ServiceFunction } from './service-function';

export interface NoticeOutboxProps {
  /** Where a sweep invocation that failed every retry goes (alarmed on by the operations construct). */
  deadLetterQueue?: sqs.IQueue;
  table: dynamodb.ITable;
  /** The bucket notice attachments are read from. */
  bucket: s3.IBucket;
  environment: Record<string, string>;
  grantSendEmail: (fn: ServiceFunction) => void;
}

/**
 * The notice outbox's sender (functions/shared/notify/outbox.ts): the only function that sends case
 * notices through SES. Writers record notices with their change and hand the case to it asynchronously
 * (`grantRequestDelivery`); a schedule every minute sweeps whatever is due (retries after an SES outage,
 * claims whose lease ran out, outboxes left by a crash).
 */
export class NoticeOutbox extends Construct {
  readonly sender: ServiceFunction;

  constructor(scope: Construct, id: string, props: NoticeOutboxProps) {
    super(scope, id);
    this.sender = new ServiceFunction(this, 'Sender', {
      entry: 'functions/outbox-sender/handler.ts',
      description: 'Delivers the notices recorded in the outbox, exactly once per key, with retries',
      environment: props.environment,
      timeout: Duration.seconds(50),
    });
    props.table.grantReadWriteData(this.sender);
    props.bucket.grantRead(this.sender);
    props.grantSendEmail(this.sender);
    new scheduler.Schedule(this, 'Sweep', {
      description: 'Deliver every outbox notice due (retries, expired claims, outboxes left by a crash)',
      schedule: scheduler.ScheduleExpression.rate(Duration.minutes(1)),
      target: new targets.LambdaInvoke(this.sender, {
        input: scheduler.ScheduleTargetInput.fromObject({ task: 'sweep' }),
        ...(props.deadLetterQueue ? { deadLetterQueue: props.deadLetterQueue } : {}),
      }),
    });
  }

  /** Lets a function hand a scope to the sender (asynchronous invocation), so its caller never waits for SES. */
  grantRequestDelivery(fn: ServiceFunction): void {
    this.sender.grantInvoke(fn);
    fn.addEnvironment('OUTBOX_SENDER_FUNCTION_NAME', this.sender.functionName);
  }
}
