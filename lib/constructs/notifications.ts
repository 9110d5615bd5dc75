import * as iam from 'aws-cdk-lib/aws-iam';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';

export interface NotificationsProps {
  /** The sender address (context `gongkai:senderEmail`); its domain must be verified in SES. */
  senderEmail: string;
}

/**
 * Email through SES v2: the sender identity, a configuration set (reputation metrics, suppression of
 * bounces and complaints), and a least-privilege grant that lets a function send only as the sender.
 */
export class Notifications extends Construct {
  readonly configurationSet: ses.ConfigurationSet;
  readonly identity: ses.EmailIdentity;
  readonly senderEmail: string;

  constructor(scope: Construct, id: string, props: NotificationsProps) {
    super(scope, id);
    this.senderEmail = props.senderEmail;
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.identity = new ses.EmailIdentity(this, 'Sender', {
      identity: ses.Identity.email(props.senderEmail),
      configurationSet: this.configurationSet,
    });
  }

  /** Allows `grantee` to send email from the sender identity through the configuration set, nothing else. */
  grantSend(grantee: iam.IGrantable): void {
    const stack = Stack.of(this);
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [
          stack.formatArn({ service: 'ses', resource: 'identity', resourceName: this.senderEmail }),
          stack.formatArn({
            service: 'ses',
            resource: 'configuration-set',
            resourceName: this.configurationSet.configurationSetName,
          }),
        ],
      }),
    );
  }
}
