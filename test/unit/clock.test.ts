import fc from 'fast-check';
import { defaultCalendar, isWorkingDay, workingDaysBetween } from '../../functions/shared/domain/calendar';
import { appendEvent, assertEventAllowed, computeCaseClock } from '../../functions/shared/domain/clock';
import { fromDayNumber, toDayNumber } from '../../functions/shared/domain/local-date';
import type { CaseEvent } from '../../functions/shared/domain/model';
import { RuleViolationError } from '../../functions/shared/domain/rule-violation';

const calendar = defaultCalendar();
const received = (on: string): CaseEvent => ({ type: 'received', on, channel: 'registered_post' });

function violationOf(events: CaseEvent[], next: CaseEvent): RuleViolationError {
  try {
    assertEventAllowed(events, next, calendar);
  } catch (error) {
    if (error instanceof RuleViolationError) return error;
    throw error;
  }
  throw new Error('expected a RuleViolationError');
}

describe('computeCaseClock: the periods of ogi-rules.md §3', () => {
  it.each([
    ['2024-09-27', '2024-10-12', '2024-10-30'],
    ['2022-09-30', '2022-10-14', '2022-11-02'],
    ['2024-02-07', '2024-02-22', '2024-03-12'],
    ['2025-01-24', '2025-02-10', '2025-02-27'],
    ['2025-09-26', '2025-10-13', '2025-10-30'],
    ['2025-12-30', '2026-01-09', '2026-01-28'],
    ['2026-02-12', '2026-02-28', '2026-03-18'],
    ['2026-09-29', '2026-10-14', '2026-11-02'],
  ])('received %s: supplement notice due %s (Art. 30), reply due %s (Art. 33 ¶2)', (on, noticeDue, replyDue) => {
    // Act
    const clock = computeCaseClock([received(on)], calendar, on);
    // Assert
    expect(clock.status).toBe('awaiting_reply');
    expect(clock.supplementNoticeDue).toMatchObject({ due: noticeDue, basis: 'Art. 30', workingDays: 7 });
    expect(clock.replyDue).toMatchObject({ due: replyDue, basis: 'Art. 33 ¶2', workingDays: 20, provisional: false });
    expect(clock.provisional).toBe(false);
  });

  it('explains every day from the receipt to the due date, counted or skipped and why', () => {
    // Act
    const clock = computeCaseClock([received('2024-09-27')], calendar, '2024-09-27');
    const days = clock.explanation?.days ?? [];
    // Assert
    expect(days[0]).toMatchObject({ date: '2024-09-27', counted: false, reason: 'start_day' });
    expect(days[1]).toMatchObject({ date: '2024-09-28', counted: false, reason: 'weekend' });
    expect(days[2]).toMatchObject({
      date: '2024-09-29',
      counted: true,
      ordinal: 1,
      reason: 'make_up_workday',
      festival: '国庆节',
    });
    expect(days[4]).toMatchObject({ date: '2024-10-01', counted: false, reason: 'holiday', festival: '国庆节' });
    expect(days.at(-1)).toMatchObject({ date: '2024-10-30', counted: true, ordinal: 20 });
    expect(days.filter((d) => d.counted)).toHaveLength(20);
    expect(clock.explanation?.derivation).toContain('第 20 个工作日为 2024-10-30');
  });

  it('restarts the reply clock from the day the supplement is received (Art. 30)', () => {
    // Arrange
    const events: CaseEvent[] = [
      received('2024-09-27'),
      { type: 'supplement_requested', on: '2024-10-09', items: '文件名称', periodWorkingDays: 10 },
    ];
    // Act
    const waiting = computeCaseClock(events, calendar, '2024-10-10');
    const restarted = computeCaseClock(
      [...events, { type: 'supplement_received', on: '2024-10-15' }],
      calendar,
      '2024-10-16',
    );
    // Assert
    // While waiting, the reply date is the one a supplement received today would give (it moves later each day).
    expect(waiting).toMatchObject({ status: 'awaiting_supplement', replyDueAtLatest: null });
    expect(waiting.replyDue).toMatchObject({ due: '2024-11-06', pending: 'supplement', basis: 'Art. 30' });
    expect(waiting.supplementDue).toMatchObject({ due: '2024-10-22', basis: 'Art. 30' });
    expect(restarted).toMatchObject({ status: 'awaiting_reply', clockStartedOn: '2024-10-15' });
    expect(restarted.replyDue?.due).toBe('2024-11-12');
  });

  it('pauses for a consultation and gives its opinion due date (Art. 32, Art. 33 ¶3)', () => {
    // Arrange
    const events: CaseEvent[] = [
      received('2024-09-27'),
      { type: 'consultation_started', on: '2024-10-09', consultationId: 'c1', party: 'third_party', name: '某公司' },
    ];
    // Act
    const open = computeCaseClock(events, calendar, '2024-10-10');
    const ended = computeCaseClock(
      [...events, { type: 'consultation_ended', on: '2024-10-11', consultationId: 'c1' }],
      calendar,
      '2024-10-11',
    );
    // Assert
    // Running: the date if the opinion came today; at the latest, with the whole opinion period not counted.
    expect(open).toMatchObject({ status: 'in_consultation' });
    expect(open.replyDue).toMatchObject({ due: '2024-10-31', pending: 'consultation' });
    expect(open.replyDueAtLatest?.due).toBe('2024-11-20');
    expect(open.consultations[0]?.opinionDue).toMatchObject({ due: '2024-10-29', basis: 'Art. 32' });
    expect(ended.status).toBe('awaiting_reply');
    expect(ended.replyDue).toMatchObject({ due: '2024-11-01', pausesApplied: ['consultation:c1'] });
  });

  it('cites Art. 34 for a consultation of another agency', () => {
    // Act
    const clock = computeCaseClock(
      [
        received('2024-09-27'),
        {
          type: 'consultation_started',
          on: '2024-10-08',
          consultationId: 'a',
          party: 'other_agency',
          name: '县财政局',
        },
      ],
      calendar,
      '2024-10-08',
    );
    // Assert
    expect(clock.consultations[0]?.opinionDue).toMatchObject({ due: '2024-10-28', basis: 'Art. 34' });
  });

  it('pauses from the fee notice to payment and gives the payment due date (Fee Measures)', () => {
    // Arrange
    const events: CaseEvent[] = [
      received('2024-09-27'),
      { type: 'fee_notice_sent', on: '2024-10-08', method: 'by_pages', pages: 150, amountYuan: 1700 },
    ];
    // Act
    const waiting = computeCaseClock(events, calendar, '2024-10-09');
    const paid = computeCaseClock([...events, { type: 'fee_paid', on: '2024-10-14' }], calendar, '2024-10-14');
    // Assert
    expect(waiting).toMatchObject({ status: 'awaiting_fee' });
    expect(waiting.replyDue).toMatchObject({ due: '2024-10-31', pending: 'fee' });
    expect(waiting.feePaymentDue).toMatchObject({ due: '2024-11-04', basis: 'Fee Measures Art. 7' });
    // 10-09, 10-10, 10-11, 10-12 (make-up Saturday) and 10-14 are not counted: 2024-10-30 + 5 working days.
    expect(paid.replyDue?.due).toBe('2024-11-06');
  });

  it('extends by the approved working days (Art. 33 ¶2)', () => {
    // Act
    const clock = computeCaseClock(
      [received('2024-09-27'), { type: 'extended', on: '2024-10-28', workingDays: 20, approver: '办公室主任' }],
      calendar,
      '2024-10-28',
    );
    // Assert
    expect(clock.replyDue).toMatchObject({ due: '2024-11-27', workingDays: 40 });
    expect(clock.extension).toEqual({ decidedOn: '2024-10-28', workingDays: 20, approver: '办公室主任' });
  });

  it('uses the agency-set date of Art. 35 instead of the statutory one', () => {
    // Act
    const clock = computeCaseClock(
      [
        received('2024-09-27'),
        { type: 'reply_date_set', on: '2024-10-10', replyBy: '2024-12-31', reason: '申请数量过大' },
      ],
      calendar,
      '2024-11-05',
    );
    // Assert
    expect(clock.replyDue).toMatchObject({ due: '2024-12-31', basis: 'Art. 35', workingDays: null });
    expect(clock.statutoryReplyDue?.due).toBe('2024-10-30');
    expect(clock.overdue).toBe(false);
  });

  it.each([
    ['2024-10-30', false, 0],
    ['2024-10-31', true, 1],
    ['2024-11-02', true, 2],
    ['2024-11-04', true, 3],
  ])('on %s an unanswered case received 2024-09-27 is overdue=%s by %i working days', (today, overdue, days) => {
    // Act
    const clock = computeCaseClock([received('2024-09-27')], calendar, today);
    // Assert
    expect(clock.overdue).toBe(overdue);
    expect(clock.overdueWorkingDays).toBe(days);
  });

  it('closes with the outcome and says whether the reply was on time', () => {
    // Act
    const clock = computeCaseClock(
      [received('2024-09-27'), { type: 'replied', on: '2024-10-31', outcome: 'disclosed', summary: '予以公开' }],
      calendar,
      '2024-12-01',
    );
    // Assert
    expect(clock).toMatchObject({
      status: 'closed',
      outcome: 'disclosed',
      closedOn: '2024-10-31',
      repliedOnTime: false,
    });
    expect(clock.overdue).toBe(false);
    expect(clock.explanation).toBeNull();
  });

  it('marks the lapse of an unanswered supplement notice', () => {
    // Act
    const clock = computeCaseClock(
      [received('2024-09-27'), { type: 'supplement_requested', on: '2024-10-08', items: '文号', periodWorkingDays: 5 }],
      calendar,
      '2024-10-16',
    );
    // Assert
    expect(clock.supplementDue?.due).toBe('2024-10-14');
    expect(clock.supplementLapsed).toBe(true);
  });

  it('is provisional when a deadline reaches a year without a notice', () => {
    // Act
    const clock = computeCaseClock([received('2026-12-15')], calendar, '2026-12-15');
    // Assert
    expect(clock.provisional).toBe(true);
    expect(clock.replyDue?.provisional).toBe(true);
    expect(clock.supplementNoticeDue.provisional).toBe(false);
  });

  it('does not change the events it is given', () => {
    // Arrange
    const events: CaseEvent[] = Object.freeze([received('2024-09-27')]) as CaseEvent[];
    // Act
    const next = appendEvent(
      events,
      { type: 'replied', on: '2024-10-08', outcome: 'disclosed', summary: '' },
      calendar,
    );
    // Assert
    expect(events).toHaveLength(1);
    expect(next).toHaveLength(2);
  });
});

describe('assertEventAllowed: illegal sequences are rejected', () => {
  const base = [received('2024-09-27')];
  const request: CaseEvent = { type: 'supplement_requested', on: '2024-10-08', items: '文号', periodWorkingDays: 10 };
  const consult: CaseEvent = {
    type: 'consultation_started',
    on: '2024-10-08',
    consultationId: 'c1',
    party: 'third_party',
    name: '某公司',
  };
  const notice: CaseEvent = { type: 'fee_notice_sent', on: '2024-10-08', method: 'by_count', amountYuan: 100 };
  const extend = (on: string, workingDays = 10): CaseEvent => ({ type: 'extended', on, workingDays, approver: '主任' });

  it.each<[string, CaseEvent[], CaseEvent, string, string]>([
    [
      'a second supplement request',
      [...base, request],
      { ...request, on: '2024-10-09' },
      'Art. 30',
      'second_supplement_request',
    ],
    [
      'a supplement request after 7 working days',
      base,
      { ...request, on: '2024-10-14' },
      'Art. 30',
      'supplement_request_too_late',
    ],
    [
      'supplement_received without a request',
      base,
      { type: 'supplement_received', on: '2024-10-08' },
      'Art. 30',
      'supplement_without_request',
    ],
    ['an event dated before receipt', base, { ...consult, on: '2024-09-26' }, 'Art. 31', 'event_before_receipt'],
    [
      'an event dated before the previous one',
      [...base, consult],
      { ...notice, on: '2024-10-01' },
      'Art. 31',
      'event_out_of_order',
    ],
    ['an extension after the deadline', base, extend('2024-10-31'), 'Art. 33 ¶2', 'extension_after_deadline'],
    ['an extension longer than 20 working days', base, extend('2024-10-20', 21), 'Art. 33 ¶2', 'extension_too_long'],
    ['a second extension', [...base, extend('2024-10-20')], extend('2024-10-21'), 'Art. 33 ¶2', 'second_extension'],
    [
      'ending an unknown consultation',
      base,
      { type: 'consultation_ended', on: '2024-10-09', consultationId: 'x' },
      'Art. 33 ¶3',
      'unknown_consultation',
    ],
    [
      'ending an ended consultation',
      [...base, consult, { type: 'consultation_ended', on: '2024-10-09', consultationId: 'c1' }],
      { type: 'consultation_ended', on: '2024-10-10', consultationId: 'c1' },
      'Art. 33 ¶3',
      'consultation_already_ended',
    ],
    [
      'fee_paid without a notice',
      base,
      { type: 'fee_paid', on: '2024-10-09' },
      'Fee Measures',
      'fee_paid_without_notice',
    ],
    ['a second fee notice', [...base, notice], { ...notice, on: '2024-10-09' }, 'Fee Measures', 'second_fee_notice'],
    [
      'any event after closing',
      [...base, { type: 'replied', on: '2024-10-09', outcome: 'disclosed', summary: '' }],
      { type: 'fee_paid', on: '2024-10-10' },
      'Art. 33 ¶2',
      'case_closed',
    ],
    [
      'an Art. 35 date not later than the current deadline',
      base,
      { type: 'reply_date_set', on: '2024-10-09', replyBy: '2024-10-30', reason: '大量申请' },
      'Art. 35',
      'reply_date_not_later',
    ],
    ['a first event other than receipt', [], { type: 'fee_paid', on: '2024-10-09' }, 'Art. 31', 'not_received'],
    [
      'closing for a lapsed supplement before the period ends',
      [...base, request],
      { type: 'closed_automatically', on: '2024-10-21', outcome: 'other.supplement_overdue' },
      'Art. 30',
      'auto_close_not_due',
    ],
  ])('rejects %s', (_what, events, next, rule, code) => {
    // Act
    const error = violationOf(events, next);
    // Assert
    expect(error).toBeInstanceOf(RuleViolationError);
    expect(error).toMatchObject({ name: 'RuleViolationError', rule, code });
    expect(error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it.each<[string, CaseEvent[], CaseEvent]>([
    ['a supplement request on the 7th working day', base, { ...request, on: '2024-10-12' }],
    ['an extension on the deadline day', base, extend('2024-10-30', 20)],
    [
      'an Art. 35 date after the deadline',
      base,
      { type: 'reply_date_set', on: '2024-10-09', replyBy: '2024-10-31', reason: '大量申请' },
    ],
    [
      'closing for a lapsed supplement the day after the period',
      [...base, request],
      { type: 'closed_automatically', on: '2024-10-22', outcome: 'other.supplement_overdue' },
    ],
    ['a reply on the receipt day', base, { type: 'replied', on: '2024-09-27', outcome: 'disclosed', summary: '' }],
  ])('allows %s', (_what, events, next) => {
    // Act / Assert
    expect(() => assertEventAllowed(events, next, calendar)).not.toThrow();
  });
});

describe('clock properties', () => {
  const dayArb = fc.integer({ min: toDayNumber('2019-01-01'), max: toDayNumber('2026-10-31') }).map(fromDayNumber);

  it('always gives a reply due date that is a working day', () => {
    fc.assert(
      fc.property(dayArb, (on) => {
        const due = computeCaseClock([received(on)], calendar, on).replyDue?.due;
        return due !== undefined && isWorkingDay(calendar, due);
      }),
    );
  });

  it('moves the deadline by exactly the extension working days', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 1, max: 20 }), (on, days) => {
        const plain = computeCaseClock([received(on)], calendar, on).replyDue?.due ?? '';
        const extended = computeCaseClock(
          [received(on), { type: 'extended', on, workingDays: days, approver: '主任' }],
          calendar,
          on,
        ).replyDue?.due;
        return extended !== undefined && workingDaysBetween(calendar, plain, extended) === days;
      }),
    );
  });

  it('after a supplement equals a fresh application received that day', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 0, max: 30 }), (on, wait) => {
        const supplementOn = fromDayNumber(toDayNumber(on) + 1 + wait);
        const restarted = computeCaseClock(
          [
            received(on),
            { type: 'supplement_requested', on, items: '文号', periodWorkingDays: 15 },
            { type: 'supplement_received', on: supplementOn },
          ],
          calendar,
          supplementOn,
        );
        const fresh = computeCaseClock([received(supplementOn)], calendar, supplementOn);
        return restarted.replyDue?.due === fresh.replyDue?.due;
      }),
    );
  });

  it('never brings the reply deadline forward by a consultation', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 25 }), (on, offset, length) => {
        const from = fromDayNumber(toDayNumber(on) + offset);
        const to = fromDayNumber(toDayNumber(on) + offset + length);
        const plain = computeCaseClock([received(on)], calendar, on).replyDue?.due ?? '';
        const paused = computeCaseClock(
          [
            received(on),
            { type: 'consultation_started', on: from, consultationId: 'c', party: 'other_agency', name: '某局' },
            { type: 'consultation_ended', on: to, consultationId: 'c' },
          ],
          calendar,
          to,
        ).replyDue?.due;
        return paused !== undefined && paused >= plain;
      }),
    );
  });
});
