import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { sesClient } from '../aws/ses';
import { config } from '../config';
import { log } from '../log';
import { systemClock } from '../system-clock';
import type { EmailContent } from './templates';

export interface OutgoingEmail {
  to: string;
  content: EmailContent;
  /** What kind of notice this is (acknowledgement, reply_reminder_5, …), carried as a header for audit. */
  kind: string;
  caseId?: string;
}

/**
 * Sends one email through SES v2 (plain text and HTML). The headers record the kind, the case and the
 * system-clock time of sending, so the local mail viewer and audits can tell what was sent when.
 */
export async function sendEmail(email: OutgoingEmail): Promise<void> {
  const { senderEmail, configurationSet } = config();
  const headers = [
    { Name: 'X-Gongkai-Kind', Value: email.kind },
    { Name: 'X-Gongkai-Sent-At', Value: systemClock.now().toISOString() },
    ...(email.caseId ? [{ Name: 'X-Gongkai-Case', Value: email.caseId }] : []),
  ];
  await sesClient.send(
    new SendEmailCommand({
      FromEmailAddress: senderEmail,
      Destination: { ToAddresses: [email.to] },
      ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
      Content: {
        Simple: {
          Subject: { Data: email.content.subject, Charset: 'UTF-8' },
          Body: {
            Text: { Data: email.content.text, Charset: 'UTF-8' },
            Html: { Data: email.content.html, Charset: 'UTF-8' },
          },
          Headers: headers,
        },
      },
    }),
  );
  log.info('email sent', { kind: email.kind, caseId: email.caseId, to: email.to });
}
