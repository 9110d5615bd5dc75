import * as z from 'zod/mini';

/** The moment a Task acts on, as PlanNextStep returned it. */
const momentSchema = z.object({
  at: z.string(),
  date: z.string(),
  // The office reminders and escalations are in the daily digest now; their kinds stay readable for timelines
  // planned before (they end without sending).
  kind: z.enum([
    'reply_reminder_5',
    'reply_reminder_1',
    'reply_due_today',
    'overdue_escalation',
    'supplement_reminder',
    'supplement_lapse',
    'consultation_due',
    'fee_lapse',
  ]),
  key: z.string(),
});

const caseVersion = { caseId: z.string().check(z.minLength(1)), version: z.number().check(z.int(), z.positive()) };

/** A stored year notice's version and the version it replaced (0: none, the built-in or provisional year). */
const calendarChange = {
  year: z.number().check(z.int(), z.gte(2000), z.lte(2100)),
  version: z.number().check(z.int(), z.positive()),
  previousVersion: z.number().check(z.int(), z.nonnegative()),
};

/** Inputs of the deadline-tracker Lambda: the state machine's Task states and the daily reconcile schedule. */
export const trackerEventSchema = z.discriminatedUnion('task', [
  z.object({ task: z.literal('plan'), ...caseVersion }),
  z.object({ task: z.literal('remind'), ...caseVersion, moment: momentSchema }),
  z.object({ task: z.literal('escalate'), ...caseVersion, moment: momentSchema }),
  z.object({ task: z.literal('close'), ...caseVersion, moment: momentSchema }),
  // `drawnBefore`: receipt numbers drawn before this real-time instant can no longer be in flight (a local
  // start passes its own start: every request of an earlier process has ended). `drawnUpTo`: per `<agencyId>#<year>`,
  // the last number drawn when the local process started (numbers up to it are a case or void, whatever is drawn since).
  z.object({
    task: z.literal('reconcile'),
    drawnBefore: z.optional(z.iso.datetime({ offset: true })),
    drawnUpTo: z.optional(z.record(z.string(), z.number().check(z.int(), z.nonnegative()))),
  }),
  // The per-agency job (issue 15, `AgencyJobs`): the plan, one agency's step, the end with the Map's results.
  z.object({ task: z.literal('reconcile_agencies'), drawnBefore: z.optional(z.iso.datetime({ offset: true })) }),
  z.object({
    task: z.literal('reconcile_agency'),
    agencyId: z.string().check(z.minLength(1)),
    drawnBefore: z.optional(z.iso.datetime({ offset: true })),
  }),
  z.object({ task: z.literal('reconcile_finish'), results: z.array(z.unknown()) }),
  // The recompute after a year's holiday notice was stored (design.md §9), per agency.
  z.object({ task: z.literal('calendar_recompute_agencies'), ...calendarChange }),
  z.object({
    task: z.literal('calendar_recompute_agency'),
    ...calendarChange,
    agencyId: z.string().check(z.minLength(1)),
  }),
  z.object({ task: z.literal('calendar_recompute_finish'), ...calendarChange, results: z.array(z.unknown()) }),
  /** The daily digests at 09:00 (the schedule's time; by default now). */
  z.object({ task: z.literal('digest'), time: z.optional(z.string()) }),
]);
export type TrackerEvent = z.infer<typeof trackerEventSchema>;
export type PlannedMoment = z.infer<typeof momentSchema>;

/** What PlanNextStep returns; the state machine's Choice switches on `step`, then on `action`. */
export type PlanResult =
  { step: 'done'; reason: string } | { step: 'wait'; at: string; action: 'remind' | 'close'; moment: PlannedMoment };
