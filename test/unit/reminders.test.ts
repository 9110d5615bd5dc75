import { defaultCalendar, isWorkingDay } from '../../functions/shared/domain/calendar';
import type { CaseEvent } from '../../functions/shared/domain/model';
import { nextMoment, timelineMoments } from '../../functions/shared/domain/reminders';

const calendar = defaultCalendar();
const received: CaseEvent = { type: 'received', on: '2024-09-27', channel: 'online' };
const supplementRequested: CaseEvent = {
  type: 'supplement_requested',
  on: '2024-10-09',
  items: '文号',
  periodWorkingDays: 10,
};

describe('timelineMoments: a case’s own timeline acts only for the applicant and to close a lapsed case', () => {
  it('has no moment for a case that only waits for its reply (the office hears of it in the daily digest)', () => {
    // Act / Assert
    expect(timelineMoments([received], calendar, { until: '2025-12-31' })).toEqual([]);
    expect(nextMoment([received], calendar, '2024-09-27T00:00:00.000Z')).toBeNull();
  });

  it('while awaiting a supplement, reminds the applicant 3 working days before the period ends and closes the day after', () => {
    // Arrange: period of 10 working days from 2024-10-09 ends 2024-10-22.
    const events: CaseEvent[] = [received, supplementRequested];
    // Act
    const moments = timelineMoments(events, calendar, { until: '2024-12-31' });
    // Assert
    expect(moments.map((m) => m.key)).toEqual(['supplement_reminder:2024-10-17', 'supplement_lapse:2024-10-23']);
    expect(moments.map((m) => m.audience)).toEqual(['applicant', 'system']);
    for (const m of moments) {
      expect(m.at).toBe(`${m.date}T01:00:00.000Z`);
      expect(isWorkingDay(calendar, m.date)).toBe(true);
    }
  });

  it('while awaiting a fee, closes the working day after the payment period', () => {
    // Arrange: notice 2024-10-08, payment due 2024-11-04.
    const events: CaseEvent[] = [
      received,
      { type: 'fee_notice_sent', on: '2024-10-08', method: 'by_count', amountYuan: 100 },
    ];
    // Act
    const moments = timelineMoments(events, calendar, { until: '2024-12-31' });
    // Assert
    expect(moments.map((m) => [m.key, m.basis])).toEqual([['fee_lapse:2024-11-05', 'Fee Measures Art. 7']]);
  });

  it('has none during a consultation and none for a closed case', () => {
    // Arrange
    const consulting: CaseEvent[] = [
      received,
      { type: 'consultation_started', on: '2024-10-09', consultationId: 'c1', party: 'third_party', name: '某公司' },
    ];
    const closed: CaseEvent[] = [received, { type: 'replied', on: '2024-10-08', outcome: 'disclosed', summary: '' }];
    // Act / Assert
    expect(timelineMoments(consulting, calendar, { until: '2025-12-31' })).toEqual([]);
    expect(timelineMoments(closed, calendar, { until: '2025-12-31' })).toEqual([]);
  });
});

describe('nextMoment', () => {
  const events: CaseEvent[] = [received, supplementRequested];

  it.each([
    ['2024-10-09T08:00:00.000Z', 'supplement_reminder:2024-10-17'],
    ['2024-10-17T00:59:59.000Z', 'supplement_reminder:2024-10-17'],
    ['2024-10-17T01:00:00.000Z', 'supplement_lapse:2024-10-23'],
  ])('after %s is %s', (after, key) => {
    expect(nextMoment(events, calendar, after)?.key).toBe(key);
  });

  it('is null after the last moment', () => {
    expect(nextMoment(events, calendar, '2024-10-23T01:00:00.000Z')).toBeNull();
  });
});
