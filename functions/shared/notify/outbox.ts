/**
 * The notice outbox: every email a change causes is recorded in the SAME conditional write as the change,
 * then delivered by a sender with retries, exactly once per (scope, key), resuming after SES outages and
 * crashes. The HTTP request path only records; it never waits for SES.
 *
 * How to send a notice with a case change (one conditional write, then a non-blocking nudge):
 *
 * ```ts
 * const notice: Notice = { key: `replied:${next.version}`, kind: 'replied', to: email, caseId, content,
 *                          attachments: [{ s3Key, fileName, contentType }] }; // attachments by S3 reference
 * await cases.update(next, derived, [notice]);   // or cases.create(record, derived, [notice])
 * await requestDelivery(caseScope(next.caseId)); // asynchronous: hands the scope to the sender
 * ```
 *
 * A notice that is itself the change (a timeline reminder, a daily digest) is recorded alone:
 *
 * ```ts
 * if (await enqueueNotice(caseScope(caseId), notice)) await requestDelivery(caseScope(caseId), { inline: true });
 * ```
 *
 * `enqueueNotice` answers false when that key was recorded before, so a key is delivered at most once;
 * a notice without `to` records its key and sends nothing. Scopes other than a case (e.g. an agency's
 * digests, `DIGEST#<agencyId>`) work the same way: they are just partition keys.
 *
 * Delivery: `requestDelivery` right after the write (locally an in-process task the virtual clock waits
 * for; in AWS the function named by `OUTBOX_SENDER_FUNCTION_NAME`, invoked asynchronously), and
 * `deliverDue` from a periodic sweeper (locally on a timer and after every virtual-clock step; in AWS a
 * scheduled Lambda). A sender claims a notice with a lease (a conditional write), sends it, and confirms it
 * sent with a conditional write on its claim; a claim never confirmed is retried once its lease expires,
 * and a failed send is retried with backoff. (A crash after SES accepted an email and before the
 * confirmation is the one window in which an email can go twice: SES has no idempotency key.)
 */
import { randomUUID } from 'node:crypto';
import { documentClient } from '../aws/dynamodb';
import { count } from '../aws/metrics';
import { config } from '../config';
import { log } from '../log';
import { systemClock } from '../system-clock';
import {
  caseScope,
  digestScope,
  makeOutboxRepository,
  type Notice,
  type NoticeItem,
  type OutboxRepository,
} from '../store/outbox-repository';

export { caseScope, digestScope };
export type { Notice, NoticeAttachment, NoticeContent, NoticeItem } from '../store/outbox-repository';

/** Operational timing (real time, not the statutory clock): how long a claim holds, how retries back off. */
export interface OutboxTiming {
  leaseMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
}

function timing(): OutboxTiming {
  const seconds = (name: string, fallback: number) => {
    const value = Number(process.env[name]);
    return Number.isFinite(value) && value > 0 ? value * 1000 : fallback * 1000;
  };
  return {
    leaseMs: seconds('OUTBOX_LEASE_SECONDS', 60),
    retryBaseMs: seconds('OUTBOX_RETRY_BASE_SECONDS', 2),
    retryMaxMs: seconds('OUTBOX_RETRY_MAX_SECONDS', 300),
  };
}

/** Real time for leases and backoff: a crashed sender's lease runs out in real time, whatever the system clock says. */
const realNow = (): number => Date.now();

const repository = (): OutboxRepository => makeOutboxRepository(documentClient, config().tableName);

/** SES answers that retrying cannot change: the notice is marked failed (and logged) instead of retried forever. */
const PERMANENT_SES_ERRORS = new Set(['BadRequestException', 'MessageRejected', 'InvalidParameterValue']);

/** Records a notice on its own (one conditional write); false when its key was recorded before. */
export async function enqueueNotice(scope: string, notice: Notice): Promise<boolean> {
  return repository().enqueue(scope, notice, { now: systemClock.now().toISOString(), realMs: realNow() });
}

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
}
const emptyReport = (): DeliveryReport => ({ sent: 0, retrying: 0, failed: 0 });

/** One attempt at one notice item: claim, send, confirm (or give the claim back with a retry time). */
async function attempt(repo: OutboxRepository, scope: string, key: string, report: DeliveryReport): Promise<void> {
  const { leaseMs, retryBaseMs, retryMaxMs } = timing();
  const claimId = randomUUID();
  const item = await repo.claim(scope, key, claimId, realNow(), leaseMs);
  if (!item?.to) return; // held by another sender, backing off, or already done
  try {
    // SES is loaded by the function that sends, on its first email: writers that only record notices skip it.
    const { sendEmail } = await import('./send-email');
    const messageId = await sendEmail({
      to: item.to,
      kind: item.kind,
      content: item.content,
      ...(item.caseId ? { caseId: item.caseId } : {}),
      ...(item.attachments?.length ? { attachments: item.attachments } : {}),
      noticeRef: `${scope}/${key}`,
    });
    report.sent += 1;
    if (!(await repo.confirmSent(scope, key, claimId, systemClock.now().toISOString(), messageId)))
      log.warn('notice sent after its lease had expired', { scope, key });
  } catch (error) {
    const name = (error as Error).name;
    const permanent = PERMANENT_SES_ERRORS.has(name);
    const backoff = Math.min(retryMaxMs, retryBaseMs * 2 ** Math.min(20, Math.max(0, item.attempts - 1)));
    log.error('notice not sent', {
      scope,
      key,
      kind: item.kind,
      attempts: item.attempts,
      error: `${name}: ${String(error)}`,
    });
    count('Failures', { operation: 'email' });
    if (permanent) report.failed += 1;
    else report.retrying += 1;
    await repo
      .releaseAfterFailure(scope, key, claimId, {
        error: `${name}: ${(error as Error).message}`,
        ...(permanent ? {} : { retryAtMs: realNow() + backoff * (0.75 + Math.random() / 2) }),
      })
      .catch((releaseError: unknown) =>
        log.error('notice claim not released (its lease will expire)', { scope, key, error: String(releaseError) }),
      );
  }
}

let prepareCase: ((caseId: string) => Promise<void>) | undefined;

/**
 * What must exist before a case's notices with attachments are adopted (the sender's composition root sets it:
 * the case's documents, which an online application issues after its answer, issue 17). A preparation that
 * throws leaves the notices in the case item, so the sweeper retries the whole scope later.
 */
export function useCasePreparation(prepare: ((caseId: string) => Promise<void>) | undefined): void {
  prepareCase = prepare;
}

/**
 * Thrown by a case preparation that cannot finish yet (a document another writer is still storing): the notices
 * stay in the case item and the sweeper tries again. Expected while documents are written, so not a failure.
 */
export class PreparationPendingError extends Error {
  override name = 'PreparationPendingError';
}

/**
 * Moves the notices a case item lists in its outbox into their own notice items, then clears the list; false when
 * they must wait for the case's preparation (see {@link PreparationPendingError}).
 */
async function adopt(repo: OutboxRepository, pk: string): Promise<boolean> {
  const pending = await repo.caseOutbox(pk);
  if (!pending?.notices.length) {
    if (pending) await repo.clearCaseOutbox(pk, pending.version);
    return true;
  }
  if (prepareCase && pending.notices.some((n) => n.attachments?.length)) {
    try {
      await prepareCase(pk.slice('CASE#'.length));
    } catch (error) {
      if (!(error instanceof PreparationPendingError)) throw error;
      log.info('case notices wait for their documents', { scope: pk, reason: error.message });
      return false;
    }
  }
  const at = { now: systemClock.now().toISOString(), realMs: realNow() };
  for (const notice of pending.notices) await repo.enqueue(pk, notice, at);
  await repo.clearCaseOutbox(pk, pending.version);
  return true;
}

/** Runs `work` over `items`, `width` at a time. */
async function inPool<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

/** Delivers every pending notice of one scope (a case: its outbox is adopted first). */
export async function deliverScope(scope: string): Promise<DeliveryReport> {
  const repo = repository();
  const report = emptyReport();
  if (scope.startsWith('CASE#') && !(await adopt(repo, scope))) report.retrying += 1;
  const now = realNow();
  const due = (await repo.list(scope)).filter((n) => n.state === 'pending' && (n.leaseUntil ?? 0) <= now);
  for (const notice of due) await attempt(repo, scope, notice.key, report);
  return report;
}

/** The sweeper: every item with outbox work due now (case outboxes to adopt, notices to send or retry). */
export async function deliverDue(options: { width?: number } = {}): Promise<DeliveryReport> {
  const repo = repository();
  const report = emptyReport();
  const work = await repo.due(realNow());
  await inPool(work, options.width ?? 8, async ({ pk, sk }) => {
    try {
      if (sk === 'CASE') {
        const part = await deliverScope(pk);
        report.sent += part.sent;
        report.retrying += part.retrying;
        report.failed += part.failed;
      } else if (sk.startsWith('NOTICE#')) await attempt(repo, pk, sk.slice('NOTICE#'.length), report);
    } catch (error) {
      log.error('outbox sweep item failed', { pk, sk, error: String(error) });
      report.retrying += 1;
    }
  });
  return report;
}

/** How many items still have outbox work, due now or later (notices retrying, outboxes not yet adopted). */
export async function pendingCount(): Promise<number> {
  return (await repository().due(Date.parse('9999-12-31T23:59:59.999Z'))).length;
}

/**
 * Where a notice of a scope stands: `sent`, `queued` (recorded, waiting or retrying), `no_address`,
 * `failed`, or `none` (never recorded). For telling an applicant the truth about their acknowledgement.
 */
export async function noticeStatus(
  scope: string,
  key: string,
): Promise<{ state: 'sent' | 'queued' | 'no_address' | 'failed' | 'none'; to?: string }> {
  const repo = repository();
  const item: NoticeItem | undefined = await repo.get(scope, key);
  if (item) {
    const state = item.state === 'pending' ? 'queued' : item.state;
    return { state, ...(item.to ? { to: item.to } : {}) };
  }
  const outbox = scope.startsWith('CASE#') ? await repo.caseOutbox(scope) : undefined;
  const listed = outbox?.notices.find((n) => n.key === key);
  if (listed) return listed.to ? { state: 'queued', to: listed.to } : { state: 'no_address' };
  return { state: 'none' };
}

let trigger: ((scope: string) => void) | undefined;

/** Local runtime only: deliver requested scopes in-process (as a task the local clock can wait for). */
export function useDeliveryTrigger(handler: ((scope: string) => void) | undefined): void {
  trigger = handler;
}

/**
 * Asks for a scope's pending notices to be delivered now, without waiting for SES: locally an
 * in-process task; in AWS an asynchronous invocation of the outbox sender when one is configured.
 * With `inline` (callers no person is waiting for, e.g. the timeline) and no other way, it delivers
 * in place, logging failures. Never throws: the sweeper delivers whatever this did not.
 */
export async function requestDelivery(scope: string, options: { inline?: boolean } = {}): Promise<void> {
  try {
    if (trigger) return trigger(scope);
    const sender = process.env.OUTBOX_SENDER_FUNCTION_NAME;
    if (sender) {
      const { invokeAsync } = await import('./invoke-sender');
      return await invokeAsync(sender, { scope });
    }
    if (options.inline) await deliverScope(scope);
  } catch (error) {
    log.error('notice delivery request failed (the sweeper will deliver)', { scope, error: String(error) });
  }
}
