import { count } from '../aws/metrics';
import { s3Module } from '../aws/s3-on-demand';
import { config } from '../config';
import { log } from '../log';
import type { NoticeAttachment } from '../store/outbox-repository';
import { systemClock } from '../system-clock';
import type { EmailContent } from './templates';

export interface OutgoingEmail {
  to: string;
  content: EmailContent;
  /** What kind of notice this is (acknowledgement, reply_reminder_5, …), carried as a header for audit. */
  kind: string;
  caseId?: string;
  /** Files to attach, read from S3 at sending time. */
  attachments?: NoticeAttachment[];
  /** The outbox notice this email delivers (`<scope>/<key>`), carried as a header for audit. */
  noticeRef?: string;
}

async function attachmentsOf(attachments: NoticeAttachment[] | undefined) {
  if (!attachments?.length) return {};
  // Loaded only when a notice has attachments: a chunk of the bundle read on first use (issue 17).
  const { GetObjectCommand, s3Client } = await s3Module();
  const files = await Promise.all(
    attachments.map(async (a) => {
      const object = await s3Client.send(
        new GetObjectCommand({ Bucket: a.bucket ?? config().bucketName, Key: a.s3Key }),
      );
      const bytes = await object.Body?.transformToByteArray();
      if (!bytes) throw new Error(`Attachment ${a.s3Key} is empty or missing`);
      return {
        RawContent: bytes,
        FileName: a.fileName,
        ContentType: a.contentType,
        ContentDisposition: 'ATTACHMENT' as const,
      };
    }),
  );
  return { Attachments: files };
}

/**
 * Sends one email through SES v2 (plain text and HTML, and the attached files). The headers record the
 * kind, the case, the outbox notice and the system-clock time of sending, so the local mail viewer and
 * audits can tell what was sent when. Returns the SES message id.
 */
export async function sendEmail(email: OutgoingEmail): Promise<string | undefined> {
  const { senderEmail, configurationSet } = config();
  // SES is a chunk of the bundle, read with the first email a container sends (issue 17).
  const { SendEmailCommand, sesClient } = await import('../aws/ses');
  const headers = [
    { Name: 'X-Gongkai-Kind', Value: email.kind },
    { Name: 'X-Gongkai-Sent-At', Value: systemClock.now().toISOString() },
    ...(email.caseId ? [{ Name: 'X-Gongkai-Case', Value: email.caseId }] : []),
    ...(email.noticeRef ? [{ Name: 'X-Gongkai-Notice', Value: email.noticeRef }] : []),
  ];
  const { MessageId } = await sesClient.send(
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
          ...(await attachmentsOf(email.attachments)),
        },
      },
    }),
  );
  log.info('email sent', { kind: email.kind, caseId: email.caseId, to: email.to });
  count('EmailsSent');
  return MessageId;
}
