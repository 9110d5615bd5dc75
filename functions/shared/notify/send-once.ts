import type { CaseRepository } from '../store/case-repository';
import { sendEmail, type OutgoingEmail } from './send-email';

export type NoticeResult = { acted: true } | { acted: false; reason: 'already sent' | 'no address' };

/**
 * Sends a case's notice at most once per `key`: claims the key with a conditional write, sends, and gives
 * the claim back if sending fails (then rethrows, so the caller's retry can send it). A notice without an
 * address (no email given) is claimed and not sent.
 */
export async function sendNoticeOnce(
  cases: Pick<CaseRepository, 'claimNotice' | 'releaseNotice'>,
  caseId: string,
  key: string,
  email: OutgoingEmail | undefined,
  now: Date,
): Promise<NoticeResult> {
  if (!(await cases.claimNotice(caseId, key, now.toISOString()))) return { acted: false, reason: 'already sent' };
  if (!email) return { acted: false, reason: 'no address' };
  try {
    await sendEmail(email);
  } catch (error) {
    await cases.releaseNotice(caseId, key);
    throw error;
  }
  return { acted: true };
}
