import { isWorkday as chineseDaysIsWorkday } from 'chinese-days';
import fc from 'fast-check';
import {
  addCountedDays,
  addCountedDaysToDay,
  addWorkingDays,
  calendarWithYears,
  deadlineAfter,
  defaultCalendar,
  describeDay,
  isProvisionalDate,
  isRangeProvisional,
  isWorkingDay,
  makeCalendar,
  pauseIntervals,
  subtractWorkingDays,
  workingDaysBetween,
} from '../../functions/shared/domain/calendar';
import { HOLIDAY_SCHEDULES, type HolidaySchedule } from '../../functions/shared/domain/holiday-schedules';
import { addDays, fromDayNumber, toDayNumber } from '../../functions/shared/domain/local-date';
import type { LocalDate } from '../../functions/shared/domain/model';

const calendar = defaultCalendar();

describe('the holiday calendar', () => {
  it('agrees with the independent chinese-days package on every day of 2019–2026', () => {
    // Arrange
    const differences: string[] = [];
    // Act
    for (let d = toDayNumber('2019-01-01'); d <= toDayNumber('2026-12-31'); d += 1) {
      const date = fromDayNumber(d);
      if (isWorkingDay(calendar, date) !== chineseDaysIsWorkday(date)) differences.push(date);
    }
    // Assert
    expect(differences).toEqual([]);
  });

  it('carries one notice per year 2019–2026 with a State Council document number and publication date', () => {
    // Arrange / Act
    const years = HOLIDAY_SCHEDULES.map((s) => s.year);
    // Assert
    expect(years).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    for (const schedule of HOLIDAY_SCHEDULES) {
      expect(schedule.notice.documentNumber).toMatch(/^国办发明电〔\d{4}〕\d+号$/);
      expect(schedule.notice.publishedOn < `${schedule.year}-01-01`).toBe(true);
    }
  });

  it.each([
    ['2024-02-04', true, 'make_up_workday', '春节'],
    ['2024-02-10', false, 'holiday', '春节'],
    ['2024-02-17', false, 'holiday', '春节'],
    ['2024-02-18', true, 'make_up_workday', '春节'],
    ['2024-09-29', true, 'make_up_workday', '国庆节'],
    ['2024-10-01', false, 'holiday', '国庆节'],
    ['2024-10-07', false, 'holiday', '国庆节'],
    ['2024-10-12', true, 'make_up_workday', '国庆节'],
    ['2025-01-26', true, 'make_up_workday', '春节'],
    ['2025-01-28', false, 'holiday', '春节'],
    ['2025-02-04', false, 'holiday', '春节'],
    ['2025-02-08', true, 'make_up_workday', '春节'],
    ['2025-09-28', true, 'make_up_workday', '国庆节、中秋节'],
    ['2025-10-08', false, 'holiday', '国庆节、中秋节'],
    ['2025-10-11', true, 'make_up_workday', '国庆节、中秋节'],
    ['2026-01-04', true, 'make_up_workday', '元旦'],
    ['2026-02-14', true, 'make_up_workday', '春节'],
    ['2026-02-23', false, 'holiday', '春节'],
    ['2026-02-28', true, 'make_up_workday', '春节'],
    ['2026-05-05', false, 'holiday', '劳动节'],
    ['2026-05-09', true, 'make_up_workday', '劳动节'],
    ['2026-09-20', true, 'make_up_workday', '国庆节'],
    ['2026-10-10', true, 'make_up_workday', '国庆节'],
    ['2020-02-01', false, 'holiday', '春节'],
  ])('classifies %s as working=%s (%s, %s)', (date, working, kind, festival) => {
    // Act
    const info = describeDay(calendar, date);
    // Assert
    expect(info).toMatchObject({ working, kind, festival, provisional: false });
  });

  it('treats a year without a notice as provisional: the statutory holidays of the national measures, no 调休', () => {
    // Act / Assert
    expect(describeDay(calendar, '2027-01-01')).toEqual({
      date: '2027-01-01',
      working: false,
      kind: 'holiday',
      festival: '元旦',
      provisional: true,
    });
    expect(isWorkingDay(calendar, '2027-01-02')).toBe(false);
    expect(isWorkingDay(calendar, '2027-01-04')).toBe(true);
    expect(isProvisionalDate(calendar, '2027-06-01')).toBe(true);
    expect(isProvisionalDate(calendar, '2026-06-01')).toBe(false);
  });

  it('turns a provisional deadline final when a 2027 entry is added as data', () => {
    // Arrange: received 2026-12-24; the 20th working day falls in January 2027.
    const schedule2027: HolidaySchedule = {
      year: 2027,
      notice: { documentNumber: '国办发明电〔2026〕99号', title: '测试用 2027 年安排', publishedOn: '2026-11-01' },
      amendments: [],
      holidays: [{ festival: '元旦', from: '2027-01-01', to: '2027-01-03' }],
      makeUpWorkdays: [],
    };
    const withNextYear = makeCalendar([...HOLIDAY_SCHEDULES, schedule2027]);
    // Act
    const before = deadlineAfter(calendar, '2026-12-24', 20);
    const after = deadlineAfter(withNextYear, '2026-12-24', 20);
    // Assert
    // Provisional 2027 already has 元旦 (Fri 01-01) off; the notice adds nothing on working days here.
    expect(before).toEqual({ date: '2027-01-22', provisional: true });
    expect(after).toEqual({ date: '2027-01-22', provisional: false });
  });

  it('marks exactly the days of years without a notice provisional when the notices are not consecutive years', () => {
    // Arrange: notices for 2019 and 2021 only; 2000–2018, 2020 and 2022–2099 provisional.
    const byYear = (year: number) => HOLIDAY_SCHEDULES.find((s) => s.year === year) as HolidaySchedule;
    const gapped = makeCalendar([byYear(2021), byYear(2019)]);
    // Act / Assert
    expect(gapped.knownYears).toEqual([2019, 2021]);
    expect(describeDay(gapped, '2018-12-31').provisional).toBe(true);
    expect(describeDay(gapped, '2019-01-01').provisional).toBe(false);
    expect(describeDay(gapped, '2019-12-31').provisional).toBe(false);
    expect(describeDay(gapped, '2020-01-01').provisional).toBe(true);
    expect(describeDay(gapped, '2021-07-01').provisional).toBe(false);
    expect(describeDay(gapped, '2099-12-31').provisional).toBe(true);
    expect(isRangeProvisional(gapped, '2019-01-01', '2019-12-31')).toBe(false);
    expect(isRangeProvisional(gapped, '2019-12-30', '2020-01-01')).toBe(true);
    expect(isRangeProvisional(gapped, '2020-12-31', '2021-12-31')).toBe(false);
    expect(isRangeProvisional(gapped, '2018-12-31', '2019-06-01')).toBe(false);
    expect(isRangeProvisional(gapped, '2018-12-30', '2019-06-01')).toBe(true);
  });

  it('builds the bundled calendar once, on first use, and hands out that one', () => {
    // Act / Assert
    expect(defaultCalendar()).toBe(calendar);
    expect(calendarWithYears([])).toBe(calendar);
  });

  it('rejects a schedule list with the same year twice', () => {
    // Arrange
    const first = HOLIDAY_SCHEDULES[0] as HolidaySchedule;
    // Act / Assert
    expect(() => makeCalendar([first, first])).toThrow('节假日安排重复');
  });
});

describe('addWorkingDays: the n-th working day after the start day (start not counted)', () => {
  it.each([
    ['2024-09-27', 20, '2024-10-30', 'Art. 33 ¶2 across 国庆 2024 with make-up Sun 09-29 and Sat 10-12'],
    ['2022-09-30', 20, '2022-11-02', 'the 2022 court case, 国庆 with make-up 10-08/10-09'],
    ['2024-09-27', 7, '2024-10-12', 'Art. 30 notice ends on make-up Saturday'],
    ['2024-09-27', 40, '2024-11-27', 'with the full extension'],
    ['2024-02-07', 3, '2024-02-18', '春节 2024 holiday run: 02-08, 02-09, then 02-18 (Sun, worked)'],
    ['2024-02-07', 4, '2024-02-19', '春节 2024: the Monday after the make-up Sunday'],
    ['2024-02-02', 1, '2024-02-04', 'make-up Sunday 02-04 is the next working day'],
    ['2025-01-24', 2, '2025-01-27', '春节 2025: Sun 01-26 worked'],
    ['2025-01-24', 3, '2025-02-05', '春节 2025 holiday run 01-28..02-04'],
    ['2025-09-30', 1, '2025-10-09', '国庆·中秋 2025 01..08'],
    ['2025-10-09', 2, '2025-10-11', 'make-up Saturday 2025-10-11'],
    ['2025-12-30', 2, '2026-01-04', 'year boundary: 元旦 2026 01-01..03, Sun 01-04 worked'],
    ['2026-02-13', 1, '2026-02-14', 'make-up Saturday before 春节 2026'],
    ['2026-02-14', 1, '2026-02-24', '春节 2026 run 02-15..02-23'],
    ['2026-02-27', 1, '2026-02-28', 'make-up Saturday after 春节 2026'],
    ['2026-04-30', 1, '2026-05-06', '劳动节 2026 05-01..05-05'],
    ['2026-09-18', 1, '2026-09-20', 'make-up Sunday 2026-09-20'],
    ['2026-09-30', 1, '2026-10-08', '国庆 2026 10-01..10-07'],
    ['2026-10-09', 1, '2026-10-10', 'make-up Saturday 2026-10-10'],
    ['2023-12-29', 1, '2024-01-02', 'year boundary with 元旦 2024'],
    ['2024-10-12', 0, '2024-10-12', 'zero days is the start day'],
  ])('from %s plus %i working days is %s (%s)', (start, n, expected) => {
    // Act
    const due = addWorkingDays(calendar, start, n);
    // Assert
    expect(due).toBe(expected);
  });

  it('counts from a non-working start day like from the working day before it', () => {
    // Act / Assert: received Sat 2024-10-05 during 国庆; first counted day is 10-08.
    expect(addWorkingDays(calendar, '2024-10-05', 1)).toBe('2024-10-08');
  });

  it('throws a RangeError beyond the covered range', () => {
    // Act / Assert
    expect(() => addWorkingDays(calendar, '2099-12-30', 5)).toThrow(RangeError);
  });
});

describe('workingDaysBetween and subtractWorkingDays', () => {
  it.each([
    ['2024-09-27', '2024-10-30', 20],
    ['2022-09-30', '2022-11-02', 20],
    ['2024-10-30', '2024-10-30', 0],
    ['2024-10-30', '2024-09-27', 0],
    ['2024-09-30', '2024-10-08', 1],
    ['2025-12-31', '2026-01-05', 2],
  ])('counts the working days after %s up to and including %s as %i', (from, to, expected) => {
    // Act / Assert
    expect(workingDaysBetween(calendar, from, to)).toBe(expected);
  });

  it.each([
    ['2024-10-30', 5, '2024-10-23'],
    ['2024-10-30', 1, '2024-10-29'],
    ['2024-10-14', 1, '2024-10-12'],
    ['2024-10-08', 1, '2024-09-30'],
    ['2026-01-05', 2, '2025-12-31'],
  ])('the %s minus %i working days is %s', (end, n, expected) => {
    // Act / Assert
    expect(subtractWorkingDays(calendar, end, n)).toBe(expected);
  });
});

describe('addCountedDays: pause-aware counting (start day counts, end day does not)', () => {
  it.each([
    [[{ from: '2024-10-09', to: '2024-10-11' }], '2024-11-01', 'two working days inside the pause'],
    [[{ from: '2024-09-30', to: '2024-10-08' }], '2024-10-31', 'pause across 国庆: only 10-08 is a working day in it'],
    [[{ from: '2024-10-09', to: '2024-10-09' }], '2024-10-30', 'a same-day pause takes nothing'],
    [
      [
        { from: '2024-10-09', to: '2024-10-11' },
        { from: '2024-10-10', to: '2024-10-14' },
      ],
      '2024-11-05',
      'overlapping pauses: 10-10, 10-11, 10-12 (make-up Sat), 10-14 excluded once',
    ],
    [[{ from: '2024-11-05', to: '2024-11-20' }], '2024-10-30', 'a pause after the deadline changes nothing'],
    [
      [{ from: '2024-09-20', to: '2024-09-29' }],
      '2024-10-31',
      'a pause begun before receipt takes the make-up Sunday 09-29',
    ],
  ])('received 2024-09-27 with pauses %j is due %s (%s)', (pauses, expected) => {
    // Act
    const due = addCountedDays(calendar, '2024-09-27', 20, pauses);
    // Assert
    expect(due).toBe(expected);
  });
});

describe('working-day arithmetic properties', () => {
  const dayArb = fc.integer({ min: toDayNumber('2019-01-01'), max: toDayNumber('2026-10-31') }).map(fromDayNumber);
  const pauseArb = fc
    .tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 30 }))
    .map(([offset, length]) => ({ offset, length }));

  it('always lands on a working day, with or without pauses', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 1, max: 40 }), fc.array(pauseArb, { maxLength: 3 }), (start, n, raw) => {
        const pauses = raw.map((p) => ({ from: addDays(start, p.offset), to: addDays(start, p.offset + p.length) }));
        return isWorkingDay(calendar, addCountedDays(calendar, start, n, pauses));
      }),
    );
  });

  it('never makes a deadline earlier when a pause is added', () => {
    fc.assert(
      fc.property(
        dayArb,
        fc.integer({ min: 1, max: 40 }),
        fc.array(pauseArb, { maxLength: 3 }),
        pauseArb,
        (start, n, raw, extra) => {
          const pauses = raw.map((p) => ({ from: addDays(start, p.offset), to: addDays(start, p.offset + p.length) }));
          const more = [
            ...pauses,
            { from: addDays(start, extra.offset), to: addDays(start, extra.offset + extra.length) },
          ];
          return addCountedDays(calendar, start, n, more) >= addCountedDays(calendar, start, n, pauses);
        },
      ),
    );
  });

  it('agrees with stepping day by day', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 1, max: 40 }), fc.array(pauseArb, { maxLength: 3 }), (start, n, raw) => {
        const pauses = raw.map((p) => ({ from: addDays(start, p.offset), to: addDays(start, p.offset + p.length) }));
        let d = start;
        let counted = 0;
        while (counted < n) {
          d = addDays(d, 1);
          const paused = pauses.some((p) => d > p.from && d <= p.to);
          if (isWorkingDay(calendar, d) && !paused) counted += 1;
        }
        return addCountedDays(calendar, start, n, pauses) === d;
      }),
    );
  });

  it('counts back exactly what it counted forward', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 1, max: 40 }), (start, n) => {
        const due = addWorkingDays(calendar, start, n);
        return workingDaysBetween(calendar, start, due) === n;
      }),
    );
  });
});

describe('deadlineAfter: the fast path answers exactly like stepping day by day', () => {
  const dayArb = fc.integer({ min: toDayNumber('2019-01-01'), max: toDayNumber('2026-12-31') }).map(fromDayNumber);
  const pauseArb = fc
    .tuple(fc.integer({ min: -20, max: 60 }), fc.integer({ min: -3, max: 40 }))
    .map(([offset, length]) => ({ offset, length }));
  type Span = { readonly from: LocalDate; readonly to: LocalDate };
  const spans = (start: LocalDate, raw: readonly { offset: number; length: number }[]): Span[] =>
    raw.map((p) => ({ from: addDays(start, p.offset), to: addDays(start, p.offset + p.length) }));
  const stepped = (start: LocalDate, n: number, pauses: readonly Span[]): LocalDate => {
    let d = start;
    let counted = 0;
    while (counted < n) {
      d = addDays(d, 1);
      const paused = pauses.some((p) => d > p.from && d <= p.to);
      if (isWorkingDay(calendar, d) && !paused) counted += 1;
    }
    return d;
  };

  it('agrees with stepping and with the interval walk for up to 7 pauses, provisional included', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 0, max: 60 }), fc.array(pauseArb, { maxLength: 7 }), (start, n, raw) => {
        // Arrange
        const pauses = spans(start, raw);
        // Act
        const result = deadlineAfter(calendar, start, n, pauses);
        // Assert
        const viaIntervals = fromDayNumber(
          addCountedDaysToDay(calendar, toDayNumber(start), n, pauseIntervals(pauses)),
        );
        expect(result).toEqual({
          date: stepped(start, n, pauses),
          provisional: isRangeProvisional(calendar, start, result.date),
        });
        expect(viaIntervals).toBe(result.date);
        expect(addCountedDays(calendar, start, n, pauses)).toBe(result.date);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same answer whatever the calls before it (no state carried between calls)', () => {
    // Arrange: many pauses first (the scratch space grows), then fewer, then none, then in reverse order.
    const start = '2024-09-27';
    const many = spans(start, [
      { offset: 1, length: 2 },
      { offset: 4, length: 1 },
      { offset: 8, length: 3 },
      { offset: 13, length: 2 },
      { offset: 17, length: 1 },
      { offset: 20, length: 4 },
    ]);
    const few = spans(start, [{ offset: 12, length: 3 }]);
    const alone = [deadlineAfter(calendar, start, 20, few), deadlineAfter(calendar, start, 20)];
    // Act
    const withMany = deadlineAfter(calendar, start, 20, many);
    const reversed = deadlineAfter(calendar, start, 20, [...many].reverse());
    const after = [deadlineAfter(calendar, start, 20, few), deadlineAfter(calendar, start, 20)];
    // Assert
    expect(withMany).toEqual({ date: stepped(start, 20, many), provisional: false });
    expect(reversed).toEqual(withMany);
    expect(after).toEqual(alone);
    expect(after[1]).toEqual({ date: '2024-10-30', provisional: false });
  });

  it('throws a RangeError for a malformed pause date, as before', () => {
    // Act / Assert
    expect(() => deadlineAfter(calendar, '2024-09-27', 20, [{ from: '2024-10-09', to: '2024-10-32' }])).toThrow(
      RangeError,
    );
    expect(() => addCountedDays(calendar, '2024-09-27', 20, [{ from: '2024/10/09', to: '2024-10-11' }])).toThrow(
      RangeError,
    );
  });
});
