import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { AnnualReport } from './constructs/annual-report';
import { CaseApi } from './constructs/case-api';
import { CaseFiles } from './constructs/case-files';
import { CaseStore } from './constructs/case-store';
import { NoticeOutbox } from './constructs/notice-outbox';
import { Notifications } from './constructs/notifications';
import { Operations } from './constructs/operations';
import { ReplyTimeline } from './constructs/reply-timeline';
import { ReportStore } from './constructs/report-store';
import { Web } from './constructs/web';

export interface GongkaiStackProps extends StackProps {
  /** Sender address of every email (context `gongkai:senderEmail`). */
  senderEmail: string;
  /** Public base URL of the web front, used in email links (context `gongkai:publicBaseUrl`). */
  publicBaseUrl: string;
  /** The built pages (`web/dist`, made by `buildWeb()`), deployed to the web bucket. */
  webDir: string;
  /** Name of the SNS topic every alarm goes to (context `gongkai:alarmTopicName`). */
  alarmTopicName: string;
  /** Prefix of the Cognito hosted sign-in domain (context `gongkai:signInDomainPrefix`, globally unique). */
  signInDomainPrefix: string;
}

/** The whole gongkai service: one stack, one construct per concern. */
export class GongkaiStack extends Stack {
  readonly caseStore: CaseStore;
  readonly reportStore: ReportStore;
  readonly caseFiles: CaseFiles;
  readonly timeline: ReplyTimeline;
  readonly api: CaseApi;
  readonly web: Web;
  readonly annualReport: AnnualReport;
  readonly operations: Operations;
  readonly outbox: NoticeOutbox;

  constructor(scope: Construct, id: string, props: GongkaiStackProps) {
    super(scope, id, props);
    this.caseStore = new CaseStore(this, 'CaseStore');
    this.reportStore = new ReportStore(this, 'ReportStore');
    const notifications = new Notifications(this, 'Notifications', { senderEmail: props.senderEmail });
    const operations = (this.operations = new Operations(this, 'Operations', { alarmTopicName: props.alarmTopicName }));
    const caseFiles = (this.caseFiles = new CaseFiles(this, 'CaseFiles'));

    const environment = {
      CASE_TABLE_NAME: this.caseStore.table.tableName,
      REPORT_BUCKET_NAME: this.reportStore.bucket.bucketName,
      CASE_FILES_BUCKET_NAME: caseFiles.bucket.bucketName,
      SENDER_EMAIL: props.senderEmail,
      SES_CONFIGURATION_SET: notifications.configurationSet.configurationSetName,
      PUBLIC_BASE_URL: props.publicBaseUrl,
      // Resolved by CloudFormation at deploy time ({{resolve:secretsmanager:…}}); Lambda keeps it encrypted with KMS.
      SEARCH_HASH_KEY: this.caseStore.searchKey.secretValue.unsafeUnwrap(),
    };
    // Case notices go through the outbox: its sender alone sends them; writers hand cases to it.
    const outbox = (this.outbox = new NoticeOutbox(this, 'NoticeOutbox', {
      table: this.caseStore.table,
      bucket: this.reportStore.bucket,
      environment,
      grantSendEmail: (fn) => notifications.grantSend(fn),
      deadLetterQueue: operations.deadLetters,
    }));
    this.timeline = new ReplyTimeline(this, 'ReplyTimeline', {
      table: this.caseStore.table,
      environment,
      grantSendEmail: (fn) => outbox.grantRequestDelivery(fn),
      deadLetterQueue: operations.deadLetters,
    });

    const annualReport = (this.annualReport = new AnnualReport(this, 'AnnualReport', {
      table: this.caseStore.table,
      bucket: this.reportStore.bucket,
      environment,
      grantSendEmail: (fn) => notifications.grantSend(fn),
      deadLetterQueue: operations.deadLetters,
    }));
    const consoleUrl = `${props.publicBaseUrl.replace(/\/$/, '')}/console.html`;
    this.api = new CaseApi(this, 'CaseApi', {
      table: this.caseStore.table,
      environment,
      grantSendEmail: (fn) => outbox.grantRequestDelivery(fn),
      grantTimelineControl: (fn) => this.timeline.grantTimelineControl(fn),
      grantStartAgencyJobs: (fn) => this.timeline.jobs.grantStart(fn),
      external: { 'annual-report': annualReport.fn },
      consoleUrl,
      signInDomainPrefix: props.signInDomainPrefix,
    });

    // The report route is open to the public (published) and to staff (drafts): its function verifies staff ID tokens itself.
    annualReport.fn.addEnvironment('STAFF_USER_POOL_ID', this.api.userPool.userPoolId);
    annualReport.fn.addEnvironment('STAFF_USER_POOL_CLIENT_ID', this.api.userPoolClient.userPoolClientId);

    // Documents are issued by the API and the timeline (auto-close), and attached to their emails; the outbox
    // sender issues an online application's receipt after the answer, before the acknowledgement attaching it;
    // the daily reconcile removes uploads never completed.
    for (const fn of [
      this.api.functions.intake,
      this.api.functions.cases,
      this.timeline.tracker,
      this.timeline.reconciler,
      outbox.sender,
    ])
      caseFiles.grantReadWrite(fn);

    operations.watchStateMachine('ReplyTimeline', this.timeline.stateMachine);
    // The per-agency jobs (issue 15): an execution fails when an agency failed every retry (or the job timed out).
    operations.watchStateMachine('AgencyJobs', this.timeline.jobs.stateMachine);
    operations.watchStateMachine('AnnualReportJobs', annualReport.jobs.stateMachine);
    operations.watchApi(this.api.api);
    for (const [name, fn] of Object.entries({
      Intake: this.api.functions.intake,
      Cases: this.api.functions.cases,
      Admin: this.api.functions.admin,
      DeadlineTracker: this.timeline.tracker,
      Reconciler: this.timeline.reconciler,
      AnnualReportApi: annualReport.fn,
      AnnualReportScheduled: annualReport.scheduledFn,
      OutboxSender: outbox.sender,
    }))
      operations.watchFunction(name, fn);

    const web = new Web(this, 'Web', {
      api: this.api.api,
      webDir: props.webDir,
      // The browser uploads and downloads attachments straight to and from the case-files bucket.
      fileOrigins: [`https://${caseFiles.bucket.bucketRegionalDomainName}`],
      config: {
        signIn: {
          issuerBaseUrl: this.api.userPoolDomain.baseUrl(),
          issuer: `https://cognito-idp.${this.region}.amazonaws.com/${this.api.userPool.userPoolId}`,
          clientId: this.api.userPoolClient.userPoolClientId,
          redirectUri: consoleUrl,
          scopes: ['openid', 'email', 'profile'],
        },
      },
    });
    this.web = web;

    new CfnOutput(this, 'WebUrl', { value: `https://${web.distribution.distributionDomainName}/` });
    new CfnOutput(this, 'ApiUrl', { value: this.api.api.url });
    new CfnOutput(this, 'StaffUserPoolId', { value: this.api.userPool.userPoolId });
    new CfnOutput(this, 'StaffUserPoolClientId', { value: this.api.userPoolClient.userPoolClientId });
    new CfnOutput(this, 'StaffSignInUrl', {
      value: this.api.userPoolDomain.baseUrl(),
      description:
        'Cognito hosted sign-in; create users and groups (<agencyId>, <agencyId>:head, gongkai-admin) in the user pool',
    });
    new CfnOutput(this, 'AlarmTopicArn', { value: operations.alarmTopic.topicArn });
    new CfnOutput(this, 'CaseTableName', { value: this.caseStore.table.tableName });
    new CfnOutput(this, 'ReportBucketName', { value: this.reportStore.bucket.bucketName });
  }
}
