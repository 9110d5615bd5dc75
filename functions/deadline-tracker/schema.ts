import * as z from 'zod';

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

const caseVersion = { caseId: z.string().min(1), version: z.number().int().positive() };

/** Inputs of the deadline-tracker Lambda: the state machine's Task states and the daily reconcile schedule. */
export const trackerEventSchema = z.discriminatedUnion('task', [
  z.object({ task: z.literal('plan'), ...caseVersion }),
  z.object({ task: z.literal('remind'), ...caseVersion, moment: momentSchema }),
  z.object({ task: z.literal('escalate'), ...caseVersion, moment: momentSchema }),
  z.object({ task: z.literal('close'), ...caseVersion, moment: momentSchema }),
  // `drawnBefore`: receipt numbers drawn before this real-time instant can no longer be in flight (a local
  // start passes its own start: every request of an earlier process has ended).
  z.object({ task: z.literal('reconcile'), drawnBefore: z.iso.datetime({ offset: true }).optional() }),
  /** The daily digests at 09:00 (the schedule's time; by default now). */
  z.object({ task: z.literal('digest'), time: z.string().optional() }),
]);
export type TrackerEvent = z.infer<typeof trackerEventSchema>;
export type PlannedMoment = z.infer<typeof momentSchema>;

/** What PlanNextStep returns; the state machine's Choice switches on `step`, then on `action`. */
export type PlanResult =
  { step: 'done'; reason: string } | { step: 'wait'; at: string; action: 'remind' | 'close'; moment: PlannedMoment };
