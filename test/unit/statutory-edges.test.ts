/**
 * The statutory edge paths of issue 11, in the pure domain: each fault's case with its exact dates, every day count
 * checked against a second, independent count (stepping day by day over the `chinese-days` package's own
 * 2019–2026 holiday data), plus the property that an open case always has a reply date that no event and no
 * passing day moves earlier.
 */
import { isWorkday } from 'chinese-days';
import fc from 'fast-check';
import { defaultCalendar } from '../../functions/shared/domain/calendar';
import {
  assertEventAllowed,
  assertExtensionAllowed,
  assertFeeChargeable,
  assertSupplementInTime,
  computeCaseClock,
} from '../../functions/shared/domain/clock';
import { feeForApplication } from '../../functions/shared/domain/fees';
import { addDays, fromDayNumber, toDayNumber } from '../../functions/shared/domain/local-date';
import type { CaseEvent, LocalDate, RecordedEvent } from '../../functions/shared/domain/model';
import { digestsFor } from '../../functions/shared/domain/digest';
import { timelineMoments } from '../../functions/shared/domain/reminders';
import { RuleViolationError } from '../../functions/shared/domain/rule-violation';

const calendar = defaultCalendar();
const received = (on: string): CaseEvent => ({ type: 'received', on, channel: 'registered_post' });
/** Events as recorded, each at noon Beijing time of its own day by staff. */
const recorded = (events: readonly CaseEvent[]): RecordedEvent[] =>
  events.map((event, i) => ({ seq: i + 1, at: `${event.on}T04:00:00.000Z`, actor: 'staff', event }));

/** The second count: the n-th working day after `start` by chinese-days, skipping days in (from, to] of pauses. */
function independentCount(
  start: LocalDate,
  n: number,
  pauses: readonly { from: LocalDate; to: LocalDate }[] = [],
): LocalDate {
  let d = start;
  let counted = 0;
  while (counted < n) {
    d = addDays(d, 1);
    if (isWorkday(d) && !pauses.some((p) => d > p.from && d <= p.to)) counted += 1;
  }
  return d;
}

/** Working days after `from` up to and including `to`, by chinese-days. */
function independentBetween(from: LocalDate, to: LocalDate): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkday(d)) n += 1;
  return n;
}

function violationOf(run: () => void): RuleViolationError {
  try {
    run();
  } catch (error) {
    if (error instanceof RuleViolationError) return error;
    throw error;
  }
  throw new Error('expected a RuleViolationError');
}

describe('fault 1: a fee notice for nothing is refused (Fee Measures Art. 4, 5)', () => {
  it.each([
    ['by_pages', { method: 'by_pages', pages: 1 }, 'Fee Measures Art. 5'],
    ['by_pages', { method: 'by_pages', pages: 30 }, 'Fee Measures Art. 5'],
    ['by_count', { method: 'by_count', nthInMonth: 1 }, 'Fee Measures Art. 4'],
    ['by_count', { method: 'by_count', nthInMonth: 10 }, 'Fee Measures Art. 4'],
  ] as const)('refuses %s %j: nothing is chargeable', (method, query, rule) => {
    // Arrange
    const amount = feeForApplication(query).yuan;
    const events = [received('2025-03-03')];
    const notice: CaseEvent = { type: 'fee_notice_sent', on: '2025-03-05', method, amountYuan: amount };
    // Act
    const error = violationOf(() => assertEventAllowed(events, notice, calendar));
    // Assert
    expect(amount).toBe(0);
    expect(error).toMatchObject({ rule, code: 'fee_not_chargeable' });
    expect(error.message).toContain(rule.endsWith('4') ? '第四条' : '第五条');
  });

  it.each([
    [{ method: 'by_pages', pages: 31 }, 10],
    [{ method: 'by_count', nthInMonth: 11 }, 100],
  ] as const)('accepts the first chargeable unit %j (%i yuan)', (query, yuan) => {
    // Act / Assert
    expect(feeForApplication(query).yuan).toBe(yuan);
    expect(() => assertFeeChargeable(query.method, yuan)).not.toThrow();
  });

  it('never pauses the clock for, nor closes a case as unpaid on, a stored notice of 0 yuan', () => {
    // Arrange: a notice of 0 yuan recorded before the rule existed.
    const events: CaseEvent[] = [
      received('2025-03-03'),
      { type: 'fee_notice_sent', on: '2025-03-05', method: 'by_pages', pages: 30, amountYuan: 0 },
    ];
    // Act
    const clock = computeCaseClock(events, calendar, '2025-04-30');
    const close = violationOf(() =>
      assertEventAllowed(
        events,
        { type: 'closed_automatically', on: '2025-04-30', outcome: 'other.fee_unpaid' },
        calendar,
      ),
    );
    // Assert
    expect(clock.status).toBe('awaiting_reply');
    expect(clock.replyDue?.due).toBe(independentCount('2025-03-03', 20));
    expect(clock.feePaymentDue).toBeNull();
    expect(timelineMoments(events, calendar, { until: '2025-06-30' }).some((m) => m.kind === 'fee_lapse')).toBe(false);
    expect(close.code).toBe('auto_close_not_due');
  });
});

describe('fault 2: a consultation never marked as ended ends with its opinion period (Art. 32, 33 ¶3, 34)', () => {
  const events: CaseEvent[] = [
    received('2025-01-20'),
    { type: 'consultation_started', on: '2025-01-24', consultationId: 'c1', party: 'other_agency', name: '县财政局' },
  ];

  it('gives the opinion due 2025-02-20 and, unanswered, the reply due 2025-03-14, overdue on 2025-03-31', () => {
    // Act
    const clock = computeCaseClock(events, calendar, '2025-03-31');
    // Assert
    expect(clock.consultations[0]).toMatchObject({
      opinionDue: { due: '2025-02-20', basis: 'Art. 34' },
      endedByLaw: true,
      pauseEnd: '2025-02-20',
    });
    expect(independentCount('2025-01-24', 15)).toBe('2025-02-20');
    expect(clock.status).toBe('awaiting_reply');
    expect(clock.replyDue?.due).toBe('2025-03-14');
    expect(clock.replyDue?.pending).toBeUndefined();
    expect(independentCount('2025-01-20', 20, [{ from: '2025-01-24', to: '2025-02-20' }])).toBe('2025-03-14');
    expect(clock.overdue).toBe(true);
    expect(clock.overdueWorkingDays).toBe(independentBetween('2025-03-14', '2025-03-31'));
    expect(clock.overdueWorkingDays).toBe(11);
  });

  it.each([
    ['2025-02-10', '2025-02-10', 'in_consultation', 'consultation'],
    ['2025-02-20', '2025-02-20', 'in_consultation', 'consultation'],
    ['2025-02-21', '2025-02-20', 'awaiting_reply', undefined],
    ['2025-06-30', '2025-02-20', 'awaiting_reply', undefined],
  ])('on %s the pause has run to %s (status %s)', (today, pauseTo, status, pending) => {
    // Act
    const clock = computeCaseClock(events, calendar, today);
    // Assert
    expect(clock.status).toBe(status);
    expect(clock.replyDue?.pending).toBe(pending);
    expect(clock.replyDue?.due).toBe(independentCount('2025-01-20', 20, [{ from: '2025-01-24', to: pauseTo }]));
    expect(clock.replyDueAtLatest?.due).toBe('2025-03-14');
  });

  it('still ends earlier with an explicit end_consultation, and never later than the period', () => {
    // Act
    const early = computeCaseClock(
      [...events, { type: 'consultation_ended', on: '2025-02-10', consultationId: 'c1' }],
      calendar,
      '2025-03-31',
    );
    const late = computeCaseClock(
      [...events, { type: 'consultation_ended', on: '2025-03-05', consultationId: 'c1' }],
      calendar,
      '2025-03-31',
    );
    // Assert
    expect(early.replyDue?.due).toBe(independentCount('2025-01-20', 20, [{ from: '2025-01-24', to: '2025-02-10' }]));
    expect(early.replyDue?.due).toBe('2025-03-04');
    expect(late.replyDue?.due).toBe('2025-03-14');
  });

  it('counts the opinion period from the party’s receipt when it is recorded (Art. 32: 15 working days from receipt)', () => {
    // Act
    const clock = computeCaseClock(
      [
        received('2025-01-20'),
        {
          type: 'consultation_started',
          on: '2025-01-24',
          receivedOn: '2025-01-27',
          consultationId: 'c1',
          party: 'third_party',
          name: '某公司',
        },
      ],
      calendar,
      '2025-04-30',
    );
    // Assert
    expect(clock.consultations[0]?.opinionDue).toMatchObject({
      due: independentCount('2025-01-27', 15),
      basis: 'Art. 32',
    });
    expect(clock.consultations[0]?.opinionDue.due).toBe('2025-02-24');
    expect(clock.replyDue?.due).toBe(independentCount('2025-01-20', 20, [{ from: '2025-01-24', to: '2025-02-24' }]));
  });

  it('tells the office on the last day of the opinion period and the head after the reply due by law (digests)', () => {
    // Arrange
    const cases = [{ caseId: 'a', receiptNumber: 'NDZ-2025-000001', events: recorded(events) }];
    // Act
    const lastDay = digestsFor(cases, calendar, '2025-02-20');
    const nextDay = digestsFor(cases, calendar, '2025-02-21');
    const dueDay = digestsFor(cases, calendar, '2025-03-14');
    const later = digestsFor(cases, calendar, '2025-03-31');
    // Assert
    expect(lastDay.office?.consultationsEnding).toEqual([
      { caseId: 'a', receiptNumber: 'NDZ-2025-000001', parties: ['县财政局'], dueOn: '2025-02-20' },
    ]);
    expect(nextDay.office?.arrivals).toEqual([
      expect.objectContaining({ kind: 'consultation_silence', on: '2025-02-20', party: '县财政局' }),
    ]);
    expect(dueDay.office?.due).toEqual([expect.objectContaining({ replyDue: '2025-03-14', workingDaysLeft: 0 })]);
    expect(dueDay.head).toBeNull();
    expect(later.head?.overdue).toEqual([
      expect.objectContaining({ receiptNumber: 'NDZ-2025-000001', replyDue: '2025-03-14', overdueWorkingDays: 11 }),
    ]);
  });
});

describe('fault 3: on the last day of the opinion period the consultation is still running', () => {
  it('shows it running on 2025-02-20 (ends today) and ended by law on 2025-02-21', () => {
    // Arrange
    const events: CaseEvent[] = [
      received('2025-01-20'),
      { type: 'consultation_started', on: '2025-01-24', consultationId: 'c1', party: 'other_agency', name: '县财政局' },
    ];
    // Act
    const lastDay = computeCaseClock(events, calendar, '2025-02-20');
    const after = computeCaseClock(events, calendar, '2025-02-21');
    // Assert
    expect(lastDay.consultations[0]).toMatchObject({ name: '县财政局', endedByLaw: false, pauseEnd: null });
    expect(after.consultations[0]).toMatchObject({ endedByLaw: true, pauseEnd: '2025-02-20' });
  });
});

describe('fault 4: an extension is told to the applicant before the deadline (Art. 33 ¶2)', () => {
  // Received 2024-09-03: due 2024-10-08 (中秋 and 国庆 2024 with their make-up days).
  const events = [received('2024-09-03')];

  it('has the case due 2024-10-08', () => {
    expect(computeCaseClock(events, calendar, '2024-09-03').replyDue?.due).toBe('2024-10-08');
    expect(independentCount('2024-09-03', 20)).toBe('2024-10-08');
  });

  it.each<[string, LocalDate, LocalDate | undefined, LocalDate, string | null]>([
    ['recorded late, back-dated, no notice served', '2024-10-08', undefined, '2024-10-12', 'extension_not_notified'],
    ['recorded late, paper notice served on the due day', '2024-10-08', '2024-10-08', '2024-10-12', null],
    [
      'recorded late, paper notice served after the due day',
      '2024-10-08',
      '2024-10-09',
      '2024-10-12',
      'extension_notified_late',
    ],
    ['notice before the decision', '2024-10-08', '2024-10-07', '2024-10-12', 'extension_notified_before_decision'],
    ['decided after the due day', '2024-10-09', '2024-10-09', '2024-10-12', 'extension_after_deadline'],
    ['recorded on the due day (the system notice goes out in time)', '2024-10-08', undefined, '2024-10-08', null],
  ])('%s: decided %s, notified %s, recorded %s → %s', (_what, decidedOn, notifiedOn, recordedOn, code) => {
    // Act
    const run = () => assertExtensionAllowed(events, calendar, { workingDays: 10, decidedOn, notifiedOn, recordedOn });
    const viaEvent = () =>
      assertEventAllowed(
        events,
        { type: 'extended', on: decidedOn, workingDays: 10, approver: '主任', ...(notifiedOn ? { notifiedOn } : {}) },
        calendar,
        { today: recordedOn },
      );
    // Assert
    if (code === null) {
      expect(run).not.toThrow();
      expect(viaEvent).not.toThrow();
    } else {
      expect(violationOf(run)).toMatchObject({ rule: 'Art. 33 ¶2', code });
      expect(violationOf(viaEvent)).toMatchObject({ rule: 'Art. 33 ¶2', code });
    }
  });

  it('extends a timely extension to the 30th working day (2024-10-21)', () => {
    // Act
    const clock = computeCaseClock(
      [...events, { type: 'extended', on: '2024-10-08', notifiedOn: '2024-10-08', workingDays: 10, approver: '主任' }],
      calendar,
      '2024-10-12',
    );
    // Assert
    expect(clock.replyDue?.due).toBe('2024-10-21');
    expect(independentCount('2024-09-03', 30)).toBe('2024-10-21');
    expect(clock.overdue).toBe(false);
  });
});

describe('fault 5: a supplement after its period is accepted only with a recorded good reason (Art. 30)', () => {
  // Received 2025-01-27, notice 2025-02-05 with 3 working days: the period ends Sat 2025-02-08 (a make-up day).
  const events: CaseEvent[] = [
    received('2025-01-27'),
    { type: 'supplement_requested', on: '2025-02-05', items: '文件名称', periodWorkingDays: 3 },
  ];

  it('ends the period on the make-up Saturday 2025-02-08 and closes the case on 2025-02-10', () => {
    // Act
    const clock = computeCaseClock(events, calendar, '2025-02-09');
    // Assert
    expect(clock.supplementDue?.due).toBe('2025-02-08');
    expect(independentCount('2025-02-05', 3)).toBe('2025-02-08');
    expect(clock.supplementLapsed).toBe(true);
    expect(timelineMoments(events, calendar, { until: '2025-02-28' }).map((m) => m.key)).toContain(
      'supplement_lapse:2025-02-10',
    );
  });

  it.each<[LocalDate, string | undefined, boolean]>([
    ['2025-02-08', undefined, true],
    ['2025-02-09', undefined, false],
    ['2025-02-09', '申请人住院，提交了医院证明', true],
    ['2025-02-09', '  ', false],
  ])('a supplement on %s with reason %j is accepted: %s', (on, lateReason, accepted) => {
    // Act
    const run = () =>
      assertEventAllowed(
        events,
        { type: 'supplement_received', on, ...(lateReason !== undefined ? { lateReason } : {}) },
        calendar,
      );
    // Assert
    if (accepted) expect(run).not.toThrow();
    else expect(violationOf(run)).toMatchObject({ rule: 'Art. 30', code: 'supplement_late' });
  });

  it('names the last day in the refusal', () => {
    expect(violationOf(() => assertSupplementInTime('2025-02-08', '2025-02-09')).message).toContain('2025-02-08');
  });
});

describe('fault 6: the fee payment period counts from the day after the applicant receives the notice (Fee Measures Art. 7)', () => {
  const notice = (receivedOn?: LocalDate): CaseEvent[] => [
    received('2025-01-20'),
    {
      type: 'fee_notice_sent',
      on: '2025-01-24',
      method: 'by_pages',
      pages: 150,
      amountYuan: 1700,
      ...(receivedOn ? { receivedOn } : {}),
    },
  ];

  it.each<[LocalDate | undefined, LocalDate, LocalDate]>([
    ['2025-01-27', '2025-03-03', '2025-03-04'],
    [undefined, '2025-02-27', '2025-02-28'], // the fault: counted from the sending day, closed on 2025-02-28
  ])('notice posted 2025-01-24, received %s: payment due %s, closed as unpaid on %s', (receivedOn, due, lapse) => {
    // Act
    const clock = computeCaseClock(notice(receivedOn), calendar, '2025-02-01');
    const moments = timelineMoments(notice(receivedOn), calendar, { until: '2025-03-31' }).map((m) => m.key);
    // Assert
    expect(clock.feePaymentDue).toMatchObject({ due, basis: 'Fee Measures Art. 7' });
    expect(independentCount(receivedOn ?? '2025-01-24', 20)).toBe(due);
    expect(moments).toEqual([`fee_lapse:${lapse}`]);
  });

  it('refuses a receipt before the sending', () => {
    const events = [received('2025-01-20')];
    const next: CaseEvent = {
      type: 'fee_notice_sent',
      on: '2025-01-24',
      receivedOn: '2025-01-23',
      method: 'by_pages',
      pages: 150,
      amountYuan: 1700,
    };
    expect(violationOf(() => assertEventAllowed(events, next, calendar)).code).toBe('invalid_event');
  });
});

describe('property: an open case always has a reply date, and neither an event nor a passing day moves it earlier', () => {
  type Step = { readonly wait: number; readonly action: number; readonly pick: number; readonly size: number };
  const stepArb: fc.Arbitrary<Step> = fc.record({
    wait: fc.integer({ min: 0, max: 12 }),
    action: fc.integer({ min: 0, max: 9 }),
    pick: fc.integer({ min: 0, max: 3 }),
    size: fc.integer({ min: 1, max: 20 }),
  });
  const startArb = fc
    .integer({ min: toDayNumber('2019-01-01'), max: toDayNumber('2026-06-30') })
    .map((d) => fromDayNumber(d));

  /** A candidate event for `today` (recorded that day), or undefined for "nothing happens". */
  function candidate(events: readonly CaseEvent[], today: LocalDate, step: Step, n: number): CaseEvent | undefined {
    const open = computeCaseClock(events, calendar, today).consultations.filter((c) => c.endedOn === null);
    switch (step.action) {
      case 0:
        return {
          type: 'consultation_started',
          on: today,
          consultationId: `c${n}`,
          party: step.pick % 2 ? 'third_party' : 'other_agency',
          name: '某单位',
        };
      case 1: {
        const c = open[step.pick % Math.max(1, open.length)];
        return c ? { type: 'consultation_ended', on: today, consultationId: c.consultationId } : undefined;
      }
      case 2:
        return { type: 'supplement_requested', on: today, items: '文号', periodWorkingDays: step.size };
      case 3:
        return { type: 'supplement_received', on: today, ...(step.pick > 1 ? { lateReason: '正当理由' } : {}) };
      case 4:
        return { type: 'extended', on: today, workingDays: step.size, approver: '主任' };
      case 5:
        return { type: 'fee_notice_sent', on: today, method: 'by_count', amountYuan: 100 * step.size };
      case 6:
        return { type: 'fee_paid', on: today };
      default:
        return undefined;
    }
  }

  it('holds for random clocks 2019–2026 with random pauses, ended or not', () => {
    fc.assert(
      fc.property(startArb, fc.array(stepArb, { minLength: 1, maxLength: 14 }), (start, steps) => {
        let events: CaseEvent[] = [received(start)];
        let today = start;
        let previousDue = computeCaseClock(events, calendar, today).replyDue?.due;
        for (const [n, step] of steps.entries()) {
          // A day passes (or several): the date never moves earlier.
          today = addDays(today, step.wait);
          const before = computeCaseClock(events, calendar, today);
          if (before.status === 'closed') break;
          expect(before.replyDue).not.toBeNull();
          expect((before.replyDue?.due ?? '') >= (previousDue ?? '')).toBe(true);
          // An event recorded today: the date never moves earlier either.
          const next = candidate(events, today, step, n);
          if (next) {
            try {
              assertEventAllowed(events, next, calendar, { today });
              events = [...events, next];
            } catch (error) {
              if (!(error instanceof RuleViolationError)) throw error;
            }
          }
          const after = computeCaseClock(events, calendar, today);
          expect(after.replyDue).not.toBeNull();
          expect((after.replyDue?.due ?? '') >= (before.replyDue?.due ?? '')).toBe(true);
          // The date at the latest is never before the date today.
          if (after.replyDueAtLatest) expect(after.replyDueAtLatest.due >= (after.replyDue?.due ?? '')).toBe(true);
          previousDue = after.replyDue?.due;
        }
      }),
      { numRuns: 400 },
    );
  });
});
