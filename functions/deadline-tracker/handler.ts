import middy from '@middy/core';
import { observed } from '../shared/aws/observability';
import { nextMoment, type TimelineMoment } from '../shared/domain/reminders';
import { isWorkingDay } from '../shared/domain/calendar';
import { digestsFor } from '../shared/domain/digest';
import { shanghaiDateOf } from '../shared/domain/local-date';
import { documentClient } from '../shared/aws/dynamodb';
import { appendCaseEvent, currentCalendar, clockOf, deriveForStore, domainEvents } from '../shared/case-workflow';
import { caseFilesBucketName, config, publicBaseUrl } from '../shared/config';
import { containerS3 } from '../shared/aws/s3-on-demand';
import { documentAttachment, issueDocumentsAfterWrite } from '../shared/case-file/documents';
import { sweepStaleUploads } from '../shared/case-file/attachments';
import { makeCaseFiles } from '../shared/files/case-files';
import { makeCaseFileRepository } from '../shared/store/case-file-repository';
import { migrateApplicantKeys, migrateOrganisationNames } from '../shared/applicant-keys';
import { KEYED_FINGERPRINT_PREFIX } from '../shared/client-token';
import { recomputeAgency } from '../shared/calendar-change';
import { calendarInForce, calendarWithVersion } from '../shared/current-calendar';
import { makeCalendarRepository } from '../shared/store/calendar-repository';
import { log } from '../shared/log';
import { count } from '../shared/aws/metrics';
import { caseScope, digestScope, enqueueNotice, requestDelivery, type Notice } from '../shared/notify/outbox';
import { makeAgencyRepository, type Agency } from '../shared/store/agency-repository';
import { makeCaseRepository, VersionConflictError, type CaseRecord } from '../shared/store/case-repository';
import { makeReceiptRepository } from '../shared/store/receipt-repository';
import { makeRecomputeRepository } from '../shared/store/recompute-repository';
import { accountReceipts } from '../shared/receipt-ledger';
import { systemClock } from '../shared/system-clock';
import { executionName, runningExecutions, startTimeline, stopExecutions } from '../shared/timeline-control';
import { trackerEventSchema, type PlannedMoment, type PlanResult, type TrackerEvent } from './schema';

const { tableName } = config();
const calendars = makeCalendarRepository(documentClient, tableName);
const cases = makeCaseRepository(documentClient, tableName);
const agencies = makeAgencyRepository(documentClient, tableName);
const receipts = makeReceiptRepository(documentClient, tableName);
const recomputes = makeRecomputeRepository(documentClient, tableName);
const caseFiles = {
  files: makeCaseFileRepository(documentClient, tableName),
  storage: makeCaseFiles(containerS3, caseFilesBucketName()),
};

/**
 * The email templates: read by the first reminder, close or digest, not at the cold start of a function whose
 * most frequent step (PlanNextStep) sends nothing (issue 17).
 */
const noticeTemplates = () => import('../shared/notify/templates');

const ACTION: Record<TimelineMoment['kind'], 'remind' | 'close'> = {
  supplement_reminder: 'remind',
  supplement_lapse: 'close',
  fee_lapse: 'close',
};

/** Loads the case this execution serves; undefined when it is gone or a newer version superseded it. */
async function currentCase(caseId: string, version: number): Promise<CaseRecord | undefined> {
  const record = await cases.get(caseId);
  return record && record.version === version ? record : undefined;
}

/**
 * PlanNextStep: the first statutory moment of the case not yet acted on. Moments missed while the
 * system was down are still due (sent late rather than lost).
 */
async function plan(caseId: string, version: number): Promise<PlanResult> {
  const record = await currentCase(caseId, version);
  if (!record) return { step: 'done', reason: 'superseded' };
  const events = domainEvents(record);
  const sent = await cases.noticeKeys(caseId);
  for (const notice of record.outbox ?? []) sent.add(notice.key);
  let cursor = new Date(`${record.receivedOn}T00:00:00+08:00`).toISOString();
  for (let guard = 0; guard < 5000; guard++) {
    const moment = nextMoment(events, currentCalendar(), cursor);
    if (!moment) return { step: 'done', reason: 'no further statutory moment' };
    cursor = moment.at;
    if (sent.has(moment.key)) continue;
    const { at, date, kind, key } = moment;
    return { step: 'wait', at, action: ACTION[kind], moment: { at, date, kind, key } };
  }
  throw new Error(`Plan for ${caseId} did not converge`);
}

/**
 * Records a timeline notice in the outbox, at most once per case and moment key (one conditional write; a
 * notice without an address records its key only), then asks for its delivery. SES being down does not
 * fail the timeline: the outbox retries.
 */
async function sendOnce(record: CaseRecord, moment: PlannedMoment, email: Omit<Notice, 'key'> | undefined) {
  const scope = caseScope(record.caseId);
  const recorded = await enqueueNotice(scope, {
    ...(email ?? { kind: moment.kind, caseId: record.caseId, content: { subject: '', text: '', html: '' } }),
    key: moment.key,
  });
  if (!recorded) return { acted: false, reason: 'already sent' };
  if (!email?.to) return { acted: false, reason: 'no address' };
  await requestDelivery(scope, { inline: true });
  return { acted: true };
}

async function agencyOf(record: CaseRecord): Promise<Agency> {
  const agency = await agencies.get(record.agencyId);
  if (!agency) throw new Error(`Agency ${record.agencyId} of case ${record.caseId} not found`);
  return agency;
}

/** Moments of timelines planned before the daily digests (office reminders, escalations): now told in the digest. */
const DIGESTED = new Set([
  'reply_reminder_5',
  'reply_reminder_1',
  'reply_due_today',
  'consultation_due',
  'overdue_escalation',
]);

/** SendReminder: the applicant's supplement reminder (Art. 30). The office hears of its deadlines in the daily digest. */
async function remind(caseId: string, version: number, moment: PlannedMoment) {
  const record = await currentCase(caseId, version);
  if (!record) return { acted: false, reason: 'superseded' };
  if (DIGESTED.has(moment.kind)) return { acted: false, reason: 'told in the daily digest' };
  if (moment.kind !== 'supplement_reminder') throw new Error(`SendReminder cannot act on ${moment.kind}`);
  const agency = await agencyOf(record);
  const clock = clockOf(record, moment.date);
  const templates = await noticeTemplates();
  return sendOnce(
    record,
    moment,
    record.applicant.email
      ? {
          to: record.applicant.email,
          kind: moment.kind,
          caseId,
          content: templates.supplementReminder({
            agencyName: agency.name,
            receiptNumber: record.receiptNumber,
            baseUrl: publicBaseUrl(),
            applicantName: record.applicant.name,
            dueOn: clock.supplementDue?.due ?? moment.date,
          }),
        }
      : undefined,
  );
}

/**
 * The daily digests (design.md §9), at 09:00 Asia/Shanghai on working days: for every agency, one email to the
 * office (what falls due, what arrived) and one to the head (every overdue case), each only when there is something
 * to tell, each at most once per day (its key in the agency's outbox scope).
 */
async function digest(time: string | undefined) {
  const date = shanghaiDateOf(time ?? systemClock.now().toISOString());
  if (!isWorkingDay(currentCalendar(), date)) return { recorded: 0, reason: 'not a working day' };
  let total = 0;
  const templates = await noticeTemplates();
  for (const agency of await agencies.list()) {
    const open = await cases.listOpen(agency.agencyId);
    const records = (await Promise.all(open.map((row) => cases.get(row.caseId)))).filter(
      (r): r is CaseRecord => r !== undefined,
    );
    const { office, head } = digestsFor(records, currentCalendar(), date);
    count('OverdueCases', { agency: agency.agencyId }, head?.overdue.length ?? 0);
    const scope = digestScope(agency.agencyId);
    const notices: Notice[] = [];
    if (office)
      notices.push({
        key: `office:${date}`,
        kind: 'office_digest',
        to: agency.officeEmail,
        content: templates.officeDigest({ agencyName: agency.name, baseUrl: publicBaseUrl(), digest: office }),
      });
    if (head)
      notices.push({
        key: `head:${date}`,
        kind: 'head_digest',
        to: agency.headEmail,
        content: templates.headDigest({ agencyName: agency.name, baseUrl: publicBaseUrl(), digest: head }),
      });
    let recorded = 0;
    for (const notice of notices) if (await enqueueNotice(scope, notice)) recorded += 1;
    if (recorded > 0) await requestDelivery(scope, { inline: true });
    total += recorded;
  }
  log.info('digests recorded', { date, recorded: total });
  return { recorded: total };
}

/**
 * CloseAsAbandoned: the applicant let the supplement period (Art. 30) or the fee payment period (Fee
 * Measures) lapse; the case closes as other.supplement_overdue / other.fee_unpaid and the applicant is told.
 */
async function close(caseId: string, version: number, moment: PlannedMoment) {
  const record = await currentCase(caseId, version);
  if (!record) return { acted: false, reason: 'superseded' };
  const clock = clockOf(record, moment.date);
  const lapsed = moment.kind === 'supplement_lapse' ? clock.supplementLapsed : clock.feeLapsed;
  if (!lapsed) return { acted: false, reason: 'not lapsed' };
  const outcome = moment.kind === 'supplement_lapse' ? 'other.supplement_overdue' : 'other.fee_unpaid';
  const now = systemClock.now();
  const closed = appendCaseEvent(
    record,
    { type: 'closed_automatically', on: moment.date, outcome },
    'system:timeline',
    now,
  );
  const agency = await agencyOf(record);
  const lapsedOn = moment.kind === 'supplement_lapse' ? clock.supplementDue?.due : clock.feePaymentDue?.due;
  const templates = await noticeTemplates();
  // The applicant's notice is recorded in the same write as the close.
  const notices: Notice[] = record.applicant.email
    ? [
        {
          key: `auto_closed:${moment.date}`,
          to: record.applicant.email,
          kind: 'auto_closed',
          caseId,
          content: templates.autoClosedNotice({
            agencyName: agency.name,
            receiptNumber: record.receiptNumber,
            baseUrl: publicBaseUrl(),
            applicantName: record.applicant.name,
            outcome,
            closedOn: moment.date,
            ...(lapsedOn ? { lapsedOn } : {}),
          }),
          // The 终止处理告知书 (design.md §9), issued below before the email goes out.
          attachments: documentAttachment(caseFiles, closed, closed.events.at(-1)!.event, closed.events.at(-1)!.seq),
        },
      ]
    : [];
  try {
    await cases.update(closed, deriveForStore(closed, shanghaiDateOf(now.toISOString())), notices);
  } catch (error) {
    if (error instanceof VersionConflictError) return { acted: false, reason: 'superseded' };
    throw error;
  }
  log.info('case closed automatically', { caseId, outcome });
  await issueDocumentsAfterWrite(caseFiles, closed, agency, now);
  if (notices.length) await requestDelivery(caseScope(caseId), { inline: true });
  return { acted: true };
}

/** Running executions grouped by case: caseId → [execution name, ARN][] (names `<caseId>-v<n>[-r<stamp>]`). */
function runningByCase(running: Map<string, string>): Map<string, [string, string][]> {
  const byCase = new Map<string, [string, string][]>();
  for (const [name, arn] of running) {
    const caseId = /^(.+)-v\d+(?:-r[0-9a-z]+)?$/.exec(name)?.[1];
    if (!caseId) continue;
    const list = byCase.get(caseId);
    if (list) list.push([name, arn]);
    else byCase.set(caseId, [[name, arn]]);
  }
  return byCase;
}

/** How many open cases the reconcile checks at once (each check is a read, rarely a write and a start). */
const RECONCILE_CONCURRENCY = 16;

/**
 * A case written this recently is left to the timeline its own write starts (the start may still be in
 * flight, so it is not yet listed as running); a later reconcile catches it if that start failed.
 */
const RECONCILE_GRACE_MS = 60_000;

/** One agency's share of a reconcile. */
interface AgencyReconcile {
  agencyId: string;
  checked: number;
  started: number;
  recomputed: number;
  receipts: Awaited<ReturnType<typeof accountReceipts>>;
  /** Cases whose unkeyed applicant key was rewritten as a keyed one (applicant-keys.ts). */
  applicantKeysRewritten?: number;
  /** Organisations' cases whose masked work-list name was rewritten in full (applicant-keys.ts). */
  organisationNamesRewritten?: number;
}

/** The one-off migration of unkeyed hashes of old (privacy, issue #14 review), as its done-marker names it. */
const KEYED_HASHES_MIGRATION = 'keyed-hashes-v1';

/**
 * Rewrites the unkeyed hashes of old of one agency: applicant keys of every case, open or closed (applicant-keys.ts,
 * progress logged), and client-token fingerprints (dropped). Once a run finds none left, the agency is marked done
 * and later runs cost one read (no new record is ever written with an unkeyed hash).
 */
async function migrateKeyedHashes(agencyId: string, today: string, now: Date, result: AgencyReconcile) {
  if (await cases.migrationDone(agencyId, KEYED_HASHES_MIGRATION)) return;
  const applicantKeys = await migrateApplicantKeys(cases, agencyId, today, {
    progress: (done) => log.info('applicant keys migration progress', { agencyId, ...done }),
  });
  const fingerprintsDropped = await cases.dropUnkeyedTokenFingerprints(agencyId, KEYED_FINGERPRINT_PREFIX);
  result.applicantKeysRewritten = applicantKeys.rewritten;
  if (applicantKeys.found > 0 || fingerprintsDropped > 0)
    log.info('keyed hashes migration', { agencyId, ...applicantKeys, fingerprintsDropped });
  if (applicantKeys.remaining === 0) await cases.markMigrationDone(agencyId, KEYED_HASHES_MIGRATION, now.toISOString());
}

/** The one-off rewrite of organisations' masked work-list names (issue 17 trial), as its done-marker names it. */
const ORGANISATION_NAMES_MIGRATION = 'organisation-names-v1';

/**
 * Rewrites the derived attributes of one agency's organisations' cases stored with a masked name (applicant-keys.ts
 * `migrateOrganisationNames`): the work list then shows the name in full and a word of it finds the case. Marked done
 * once a run finishes them; later runs cost one read.
 */
async function migrateOrganisationNamesOf(agencyId: string, today: string, now: Date, result: AgencyReconcile) {
  if (await cases.migrationDone(agencyId, ORGANISATION_NAMES_MIGRATION)) return;
  // A minute a run: beside the keyed-hash pass's two, the agency's step stays well within its 5 minutes.
  const names = await migrateOrganisationNames(cases, agencyId, today, {
    budgetMs: 60_000,
    progress: (done) => log.info('organisation names migration progress', { agencyId, ...done }),
  });
  result.organisationNamesRewritten = names.rewritten;
  if (names.found > 0) log.info('organisation names migration', { agencyId, ...names });
  if (names.remaining === 0) await cases.markMigrationDone(agencyId, ORGANISATION_NAMES_MIGRATION, now.toISOString());
}

/**
 * Reconciles one agency (a step of the per-agency job in AWS, issue 15):
 * - an open case whose stored deadlines differ from what the domain derives today (the holiday calendar
 *   gained a year, design.md §6, or a rule was corrected) gets its index attributes rewritten (one
 *   conditional write on the unchanged version) and a fresh timeline, the old one stopped;
 * - every other open case whose current version has no running execution (never started, FAILED,
 *   lost in a restart) gets one;
 * - every case, open or closed, still carrying an applicant key of the unkeyed kind gets it rewritten as a keyed
 *   hash (applicant-keys.ts, with progress logged);
 * - application tokens still holding an unkeyed fingerprint of old have it dropped (client-token.ts);
 * - every case of an organisation still stored with its name masked gets its work-list name and search text
 *   rewritten (applicant-keys.ts `migrateOrganisationNames`);
 * - its receipt numbers are accounted for (every number drawn is a case or void).
 * `running`: the timeline's running executions grouped by case, listed once by the caller.
 */
async function reconcileAgency(
  agency: Pick<Agency, 'agencyId' | 'receiptPrefix'>,
  running: Map<string, [string, string][]>,
  drawnBefore: string | undefined,
  drawnUpTo?: Readonly<Record<string, number>>,
): Promise<AgencyReconcile> {
  const now = systemClock.now();
  const today = shanghaiDateOf(now.toISOString());
  const result: AgencyReconcile = { agencyId: agency.agencyId, checked: 0, started: 0, recomputed: 0, receipts: [] };
  const check = async (open: Awaited<ReturnType<typeof cases.listOpen>>[number]) => {
    result.checked += 1;
    if (result.checked % 1000 === 0) log.info('reconcile progress', { ...result, receipts: undefined });
    const executions = running.get(open.caseId) ?? [];
    const serving = executions.some(
      ([name]) => name.replace(/-r[0-9a-z]+$/, '') === executionName(open.caseId, open.version),
    );
    const record = await cases.get(open.caseId);
    if (!record || record.version !== open.version) return; // changed meanwhile: its own action started a timeline
    const derived = deriveForStore(record, today);
    const stale =
      derived.sortDue !== open.sortDue || derived.replyDue !== open.replyDue || derived.status !== open.status;
    if (stale) {
      try {
        await cases.refreshDerived(record, derived);
      } catch (error) {
        if (error instanceof VersionConflictError) return;
        throw error;
      }
      await stopExecutions(
        executions.map(([, arn]) => arn),
        'deadlines recomputed',
      );
      await startTimeline(open.caseId, open.version, { restart: true });
      result.recomputed += 1;
      return;
    }
    if (serving || Date.parse(record.updatedAt) > now.getTime() - RECONCILE_GRACE_MS) return;
    // A case that only waits for its reply has no moment of its own (the office hears of it in the digest).
    if (!nextMoment(domainEvents(record), currentCalendar(), new Date(0).toISOString())) return;
    await startTimeline(open.caseId, open.version, { restart: true });
    result.started += 1;
  };
  const open = await cases.listOpen(agency.agencyId);
  let next = 0;
  const worker = async () => {
    while (next < open.length) await check(open[next++] as (typeof open)[number]);
  };
  await Promise.all(Array.from({ length: Math.min(RECONCILE_CONCURRENCY, open.length) }, worker));
  await migrateKeyedHashes(agency.agencyId, today, now, result);
  await migrateOrganisationNamesOf(agency.agencyId, today, now, result);
  const realMs = Date.now();
  const graceMs = (Number(process.env.RECEIPT_VOID_GRACE_SECONDS) || 120) * 1000;
  result.receipts = await accountReceipts(receipts, [agency], {
    now: systemClock.now(),
    realMs,
    graceMs,
    drawnBeforeMs: drawnBefore ? Date.parse(drawnBefore) : realMs - graceMs,
    ...(drawnUpTo ? { drawnUpTo } : {}),
  });
  return result;
}

/**
 * The end of a reconcile: uploads announced over an hour ago and never completed are removed (object, record, the
 * case's place; design.md §9: only checked files exist; they are kept in one partition, not per agency), and the
 * totals are logged once.
 */
async function reconcileFinished(results: readonly AgencyReconcile[]) {
  const sum = (key: 'checked' | 'started' | 'recomputed') => results.reduce((total, r) => total + r[key], 0);
  const accounts = results.flatMap((r) => r.receipts);
  const unresolved = accounts.reduce((total, a) => total + a.unresolved, 0);
  const totals = { checked: sum('checked'), started: sum('started'), recomputed: sum('recomputed') };
  const uploads = await sweepStaleUploads(caseFiles, systemClock.now());
  log.info('reconcile finished', {
    ...totals,
    agencies: results.length,
    receiptGapsUnresolved: unresolved,
    staleUploadsRemoved: uploads.removed,
  });
  return {
    started: totals.started,
    recomputed: totals.recomputed,
    receipts: accounts,
    staleUploadsRemoved: uploads.removed,
  };
}

/**
 * Reconcile in one invocation, agency after agency (the local system at start, every few minutes and after every
 * virtual-clock step; in AWS the same per-agency step runs in the per-agency job). One linear pass: the running
 * executions are listed once and grouped by case.
 */
async function reconcile(drawnBefore?: string, drawnUpTo?: Readonly<Record<string, number>>) {
  const running = runningByCase(await runningExecutions());
  const results: AgencyReconcile[] = [];
  for (const agency of await agencies.list())
    results.push(await reconcileAgency(agency, running, drawnBefore, drawnUpTo));
  return reconcileFinished(results);
}

/** A per-agency step that failed every retry, as the job's Map state keeps it (`AgencyJobs`). */
interface FailedItem {
  agencyId: string;
  error: { Error?: string; Cause?: string };
}

const failedItems = (results: readonly unknown[]): FailedItem[] =>
  results.filter((r): r is FailedItem => typeof r === 'object' && r !== null && 'error' in r);

/** Ends a per-agency job: counts and logs the agencies that failed every retry, and fails the execution if any did. */
function failIfAny(job: string, results: readonly unknown[]): void {
  const failed = failedItems(results);
  if (failed.length === 0) return;
  count('Failures', { operation: job }, failed.length);
  log.error(`${job} failed for some agencies`, {
    agencies: failed.map((f) => ({ agencyId: f.agencyId, error: f.error.Error, cause: f.error.Cause })),
  });
  throw new Error(`${job} failed for ${failed.map((f) => f.agencyId).join(', ')}`);
}

/** Reconcile, fanned out (issue 15): the plan — one item per agency — then each agency, then the totals. */
const reconcileJob = {
  async agencies(drawnBefore?: string) {
    return {
      task: 'reconcile_finish' as const,
      ...(drawnBefore ? { drawnBefore } : {}),
      items: (await agencies.list()).map((a) => ({ task: 'reconcile_agency' as const, agencyId: a.agencyId })),
    };
  },
  async agency(agencyId: string, drawnBefore?: string) {
    const agency = await agencies.get(agencyId);
    if (!agency) return { agencyId, checked: 0, started: 0, recomputed: 0, receipts: [], gone: true };
    return reconcileAgency(agency, runningByCase(await runningExecutions()), drawnBefore);
  },
  async finish(results: readonly unknown[]) {
    const done = await reconcileFinished(
      results.filter((r): r is AgencyReconcile => typeof r === 'object' && r !== null && 'checked' in r),
    );
    failIfAny('reconcile', results);
    return { started: done.started, recomputed: done.recomputed, staleUploadsRemoved: done.staleUploadsRemoved };
  },
};

type CalendarChange = { year: number; version: number; previousVersion: number };

/**
 * The recompute after a year's holiday notice was stored (design.md §9; issue 15: out of the API request, per
 * agency): the plan, one agency's cases compared between the notice's previous version and the calendar in force
 * (its moved cases recorded for the console), and the end (done, or failed naming the agencies).
 */
const calendarJob = {
  async agencies({ year, version, previousVersion }: CalendarChange) {
    const change = { year, version, previousVersion };
    const ids = (await agencies.list()).map((a) => a.agencyId);
    await recomputes.planned(change.year, change.version, ids.length);
    return {
      ...change,
      task: 'calendar_recompute_finish' as const,
      items: ids.map((agencyId) => ({ ...change, task: 'calendar_recompute_agency' as const, agencyId })),
    };
  },
  async agency(change: CalendarChange & { agencyId: string }) {
    const previous = await calendarWithVersion(calendars, change.year, change.previousVersion);
    const now = systemClock.now();
    const moved = await recomputeAgency(
      { cases },
      change.agencyId,
      previous,
      shanghaiDateOf(now.toISOString()),
      await runningExecutions(),
    );
    await recomputes.agencyDone(change.year, change.version, change.agencyId, moved, now.toISOString());
    log.info('calendar recomputed for an agency', { ...change, moved: moved.length });
    return { agencyId: change.agencyId, moved: moved.length };
  },
  async finish(change: CalendarChange & { results: readonly unknown[] }) {
    const failed = failedItems(change.results).map((f) => f.agencyId);
    await recomputes.finished(change.year, change.version, failed);
    failIfAny('calendar-recompute', change.results);
    return { year: change.year, version: change.version, agencies: change.results.length };
  },
};

async function dispatch(event: TrackerEvent): Promise<unknown> {
  switch (event.task) {
    case 'plan':
      return plan(event.caseId, event.version);
    case 'remind':
      return remind(event.caseId, event.version, event.moment);
    case 'escalate':
      return { acted: false, reason: 'told in the daily digest' };
    case 'digest':
      return digest(event.time);
    case 'close':
      return close(event.caseId, event.version, event.moment);
    case 'reconcile':
      return reconcile(event.drawnBefore, event.drawnUpTo);
    case 'reconcile_agencies':
      return reconcileJob.agencies(event.drawnBefore);
    case 'reconcile_agency':
      return reconcileJob.agency(event.agencyId, event.drawnBefore);
    case 'reconcile_finish':
      return reconcileJob.finish(event.results);
    case 'calendar_recompute_agencies':
      return calendarJob.agencies(event);
    case 'calendar_recompute_agency':
      return calendarJob.agency(event);
    case 'calendar_recompute_finish':
      return calendarJob.finish(event);
  }
}

/** The deadline tracker: called by the reply timeline's Task states (it throws on failure, so Retry/Catch work). */
export const handler = middy<unknown, unknown>()
  .use(observed())
  .use(calendarInForce(calendars))
  .handler(async (rawEvent) => dispatch(trackerEventSchema.parse(rawEvent)));
