import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

export interface OperationsProps {
  /** Name of the SNS topic the alarms go to (context `gongkai:alarmTopicName`); subscribe the county's on-call to it. */
  alarmTopicName: string;
}

/**
 * Operations (issue 15): the alarm topic, the dead-letter queue of scheduled invocations that failed every retry,
 * and the alarms — failed or timed-out timeline executions, Lambda errors, API 5xx, dead letters — on that topic.
 */
export class Operations extends Construct {
  readonly alarmTopic: sns.Topic;
  /** Where EventBridge Scheduler puts an invocation that failed all its retries (reconcile, January reports). */
  readonly deadLetters: sqs.Queue;
  private readonly action: actions.SnsAction;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    // CloudWatch can publish to an encrypted topic only through a customer-managed key that allows it.
    const key = new kms.Key(this, 'AlarmKey', {
      description: 'gongkai alarm topic and dead letters',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    key.grant(new iam.ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      topicName: props.alarmTopicName,
      displayName: 'gongkai alarms',
      masterKey: key,
      enforceSSL: true,
    });
    this.deadLetters = new sqs.Queue(this, 'DeadLetters', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
    });
    key.grant(new iam.ServicePrincipal('scheduler.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.action = new actions.SnsAction(this.alarmTopic);
    this.alarm(
      'DeadLetterAlarm',
      this.deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      'A scheduled job failed every retry (dead letter)',
    );
  }

  private alarm(id: string, metric: cloudwatch.IMetric, description: string): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id, {
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(this.action);
    return alarm;
  }

  /** Alarms on a state machine's failed and timed-out executions. */
  watchStateMachine(id: string, stateMachine: sfn.StateMachine): void {
    const period = { period: Duration.minutes(5) };
    this.alarm(`${id}Failed`, stateMachine.metricFailed(period), `${id}: an execution failed`);
    this.alarm(`${id}TimedOut`, stateMachine.metricTimedOut(period), `${id}: an execution timed out`);
  }

  /** An alarm on a function's errors. */
  watchFunction(id: string, fn: lambda.IFunction): void {
    this.alarm(`${id}Errors`, fn.metricErrors({ period: Duration.minutes(5) }), `${id}: the function failed`);
  }

  /** An alarm on the API's 5xx answers. */
  watchApi(api: apigateway.RestApi): void {
    this.alarm('Api5xx', api.metricServerError({ period: Duration.minutes(5) }), 'The API answered with a 5xx error');
  }
}
