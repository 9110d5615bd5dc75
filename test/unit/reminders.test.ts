import { defaultCalendar, isWorkingDay } from '../../functions/shared/domain/calendar';
import type { CaseEvent } from '../../functions/shared/domain/model';
import { nextMoment, timelineMoments } from '../../functions/shared/domain/reminders';

const calendar = defaultCalendar;
const received: CaseEvent = { type: 'received', on: '2024-09-27', channel: 'online' };

describe('timelineMoments', () => {
  it('schedules office reminders 5 and 1 working days before and on the morning of the deadline, then daily escalations', () => {
    // Act
    const moments = timelineMoments([received], calendar, { until: '2024-11-05' });
    // Assert
    expect(moments.map((m) => [m.kind, m.at, m.audience])).toEqual([
      ['reply_reminder_5', '2024-10-23T01:00:00.000Z', 'office'],
      ['reply_reminder_1', '2024-10-29T01:00:00.000Z', 'office'],
      ['reply_due_today', '2024-10-30T01:00:00.000Z', 'office'],
      ['overdue_escalation', '2024-10-31T01:00:00.000Z', 'office_head'],
      ['overdue_escalation', '2024-11-01T01:00:00.000Z', 'office_head'],
      ['overdue_escalation', '2024-11-04T01:00:00.000Z', 'office_head'],
      ['overdue_escalation', '2024-11-05T01:00:00.000Z', 'office_head'],
    ]);
    expect(moments[0]).toMatchObject({ date: '2024-10-23', key: 'reply_reminder_5:2024-10-23', basis: 'Art. 33 ¶2' });
  });

  it('puts every moment at 09:00 Shanghai on a working day', () => {
    // Act
    const moments = timelineMoments([received], calendar, { until: '2025-03-01' });
    // Assert
    for (const m of moments) {
      expect(m.at).toBe(`${m.date}T01:00:00.000Z`);
      expect(isWorkingDay(calendar, m.date)).toBe(true);
      expect(m.key).toBe(`${m.kind}:${m.date}`);
    }
  });

  it('while awaiting a supplement, reminds the applicant 3 working days before the period ends and closes the day after', () => {
    // Arrange: period of 10 working days from 2024-10-09 ends 2024-10-22.
    const events: CaseEvent[] = [
      received,
      { type: 'supplement_requested', on: '2024-10-09', items: '文号', periodWorkingDays: 10 },
    ];
    // Act
    const moments = timelineMoments(events, calendar, { until: '2024-12-31' });
    // Assert
    expect(moments.map((m) => m.key)).toEqual(['supplement_reminder:2024-10-17', 'supplement_lapse:2024-10-23']);
    expect(moments.map((m) => m.audience)).toEqual(['applicant', 'system']);
  });

  it('while awaiting a fee, has no reply reminders and closes the working day after the payment period', () => {
    // Arrange: notice 2024-10-08, payment due 2024-11-04.
    const events: CaseEvent[] = [
      received,
      { type: 'fee_notice_sent', on: '2024-10-08', method: 'by_count', amountYuan: 100 },
    ];
    // Act
    const moments = timelineMoments(events, calendar, { until: '2024-12-31' });
    // Assert
    expect(moments.map((m) => m.key)).toEqual(['fee_lapse:2024-11-05']);
  });

  it('during an open consultation, acts at the end of the consultation period, then on the reply due by law (Art. 32–34)', () => {
    // Arrange
    const events: CaseEvent[] = [
      received,
      { type: 'consultation_started', on: '2024-10-09', consultationId: 'c1', party: 'third_party', name: '某公司' },
    ];
    // Act
    const moments = timelineMoments(events, calendar, { until: '2024-11-22' });
    // Assert: the pause ends with the opinion period (10-29); the reply is due 2024-11-20 and escalated after it.
    expect(moments[0]).toEqual(
      expect.objectContaining({ key: 'consultation_due:2024-10-29', consultationIds: ['c1'], basis: 'Art. 32' }),
    );
    expect(moments.slice(1).map((m) => m.key)).toEqual([
      'reply_reminder_5:2024-11-13',
      'reply_reminder_1:2024-11-19',
      'reply_due_today:2024-11-20',
      'overdue_escalation:2024-11-21',
      'overdue_escalation:2024-11-22',
    ]);
  });

  it('moves the reply reminders when the deadline is extended', () => {
    // Arrange
    const events: CaseEvent[] = [received, { type: 'extended', on: '2024-10-28', workingDays: 5, approver: '主任' }];
    // Act
    const moments = timelineMoments(events, calendar, { until: '2024-11-07' });
    // Assert
    expect(moments.map((m) => m.key)).toEqual([
      'reply_reminder_5:2024-10-30',
      'reply_reminder_1:2024-11-05',
      'reply_due_today:2024-11-06',
      'overdue_escalation:2024-11-07',
    ]);
  });

  it('has none for a closed case', () => {
    // Arrange
    const events: CaseEvent[] = [received, { type: 'replied', on: '2024-10-08', outcome: 'disclosed', summary: '' }];
    // Act / Assert
    expect(timelineMoments(events, calendar, { until: '2025-12-31' })).toEqual([]);
    expect(nextMoment(events, calendar, '2024-10-08T00:00:00.000Z')).toBeNull();
  });
});

describe('nextMoment', () => {
  it.each([
    ['2024-09-27T08:00:00.000Z', 'reply_reminder_5:2024-10-23'],
    ['2024-10-23T00:59:59.000Z', 'reply_reminder_5:2024-10-23'],
    ['2024-10-23T01:00:00.000Z', 'reply_reminder_1:2024-10-29'],
    ['2024-10-30T01:00:00.000Z', 'overdue_escalation:2024-10-31'],
    ['2024-11-01T01:00:00.000Z', 'overdue_escalation:2024-11-04'],
    ['2024-11-02T05:00:00.000Z', 'overdue_escalation:2024-11-04'],
    ['2025-01-27T02:00:00.000Z', 'overdue_escalation:2025-02-05'],
  ])('after %s is %s', (after, key) => {
    // Act
    const next = nextMoment([received], calendar, after);
    // Assert
    expect(next?.key).toBe(key);
  });

  it('agrees with the first moment of timelineMoments after the same instant', () => {
    // Arrange
    const all = timelineMoments([received], calendar, { until: '2025-06-30' });
    // Act / Assert
    for (const m of all.slice(0, -1)) {
      const expected = all.find((candidate) => candidate.at > m.at);
      expect(nextMoment([received], calendar, m.at)).toEqual(expected);
    }
  });
});
