import { getDayDetail } from 'chinese-days';
import {
  addWorkingDays,
  calendarWithYears,
  deadlineAfter,
  defaultCalendar,
  describeDay,
  isWorkingDay,
  makeCalendar,
} from '../../functions/shared/domain/calendar';
import {
  HOLIDAY_SCHEDULES,
  scheduleFromNotice,
  type HolidaySchedule,
} from '../../functions/shared/domain/holiday-schedules';
import { addDays, dayOfWeek, toDayNumber } from '../../functions/shared/domain/local-date';
import {
  festivalDays,
  provisionalHolidayPeriods,
  provisionalHolidays,
} from '../../functions/shared/domain/statutory-holidays';

const calendar = defaultCalendar();
const isWeekend = (date: string) => dayOfWeek(toDayNumber(date)) % 6 === 0;

/** The working days off (weekdays that are not worked) of a date range in the default calendar. */
function weekdaysOff(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    if (!isWorkingDay(calendar, d) && !isWeekend(d)) out.push(d);
  }
  return out;
}

describe('the provisional calendar of a year without a notice (design.md §9, 《全国年节及纪念日放假办法》)', () => {
  it('gives 5, 8, 9 and 10 February 2027 off for 春节 (除夕 Fri, 初一–初二 on the weekend, 初三 Mon, two 补假)', () => {
    // Act
    const off = weekdaysOff('2027-02-01', '2027-02-14');
    // Assert
    expect(off).toEqual(['2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10']);
    expect(isWorkingDay(calendar, '2027-02-11')).toBe(true);
    expect(describeDay(calendar, '2027-02-09')).toMatchObject({ festival: '春节（补假）', provisional: true });
  });

  it.each([
    [2027, '元旦', ['2027-01-01']],
    [2027, '清明节', ['2027-04-05']],
    [2027, '劳动节', ['2027-05-03', '2027-05-04']], // 1–2 May on Sat–Sun, made up Mon–Tue
    [2027, '端午节', ['2027-06-09']],
    [2027, '中秋节', ['2027-09-15']],
    [2027, '国庆节', ['2027-10-01', '2027-10-04', '2027-10-05']], // Fri, then Sat–Sun made up
    [2028, '元旦', ['2028-01-03']], // Sat 1 Jan made up on Mon 3 Jan
    [2028, '春节', ['2028-01-25', '2028-01-26', '2028-01-27', '2028-01-28']], // 除夕 Tue … 初三 Fri
    [2028, '国庆节', ['2028-10-02', '2028-10-03', '2028-10-04']], // Sun 1 Oct made up on Wed 4 Oct; 中秋 on 3 Oct is inside
    [2030, '春节', ['2030-02-04', '2030-02-05', '2030-02-06', '2030-02-07']], // 除夕 Sat 2 Feb (腊月三十), 初一 Sun
  ])('%i %s: working days off %j', (year, festival, expected) => {
    // Act
    const off = provisionalHolidays(year)
      .filter((d) => d.festival.startsWith(festival) || d.festival.includes(`、${festival}`))
      .map((d) => d.date)
      .filter((d) => !isWeekend(d));
    // Assert
    expect(off).toEqual(expected);
    for (const date of expected) expect(isWorkingDay(calendar, date)).toBe(false);
  });

  it('takes 除夕 as the day before 正月初一, 腊月廿九 in a short twelfth month (2025: 01-28)', () => {
    // Act
    const spring = festivalDays(2025).filter((d) => d.festival === '春节');
    // Assert: the 2025 notice's 春节 holidays start on 除夕 01-28 too.
    expect(spring.map((d) => d.date)).toEqual(['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']);
  });

  it('finds every festival day of 2019–2026 inside the official notice holidays (lunar dates checked against the State Council notices via chinese-days)', () => {
    // Arrange
    const misses: string[] = [];
    // Act
    for (let year = 2019; year <= 2026; year += 1) {
      for (const day of festivalDays(year)) {
        // 除夕 and 2 May became statutory only from 2025 (Decree No. 795).
        if (year < 2025 && (day.date === `${year}-05-02` || day.festival === '春节')) continue;
        const detail = getDayDetail(day.date);
        if (!isWeekend(day.date) && (detail.work || isWorkingDay(calendar, day.date)))
          misses.push(`${day.festival} ${day.date}`);
      }
    }
    // Assert
    expect(misses).toEqual([]);
  });

  it('makes the case of fault 7: received Fri 2026-12-04 is provisionally due Mon 2027-01-04, not 元旦', () => {
    // Act
    const due = deadlineAfter(calendar, '2026-12-04', 20);
    // Assert
    expect(due).toEqual({ date: '2027-01-04', provisional: true });
    expect(addWorkingDays(calendar, '2026-12-31', 1)).toBe('2027-01-04');
  });

  it('groups consecutive days of one festival into periods, like a notice', () => {
    // Act
    const periods = provisionalHolidayPeriods(2027);
    // Assert
    expect(periods).toContainEqual({ festival: '春节', from: '2027-02-05', to: '2027-02-08' });
    expect(periods).toContainEqual({ festival: '春节（补假）', from: '2027-02-09', to: '2027-02-10' });
  });
});

describe('official years supplied as data (the seam for calendar administration)', () => {
  const notice2027 = scheduleFromNotice({
    year: 2027,
    noticeNumber: '国办发明电〔2026〕9号',
    publishedOn: '2026-11-10',
    holidays: ['2027-01-01', '2027-01-02', '2027-01-03', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'],
    workdays: ['2027-02-20'],
  });

  it('builds a schedule from the flat date lists of the admin API', () => {
    // Assert
    expect(notice2027.holidays).toEqual([
      { festival: '节假日', from: '2027-01-01', to: '2027-01-03' },
      { festival: '节假日', from: '2027-02-05', to: '2027-02-08' },
    ]);
    expect(notice2027.makeUpWorkdays).toEqual([{ date: '2027-02-20', festival: '调休' }]);
    expect(notice2027.notice.documentNumber).toBe('国办发明电〔2026〕9号');
  });

  it('replaces the provisional year: final dates, 调休 honoured, no 补假 the notice did not make', () => {
    // Act
    const withNotice = calendarWithYears([notice2027]);
    // Assert
    expect(describeDay(withNotice, '2027-02-09')).toMatchObject({ working: true, provisional: false });
    expect(describeDay(withNotice, '2027-02-20')).toMatchObject({ working: true, kind: 'make_up_workday' });
    expect(deadlineAfter(withNotice, '2026-12-04', 20)).toEqual({ date: '2027-01-04', provisional: false });
    expect(describeDay(calendar, '2027-02-09')).toMatchObject({ working: false, provisional: true });
  });

  it('lets a stored year replace a bundled one and leaves the default calendar alone without extra years', () => {
    // Arrange
    const bundled2026 = HOLIDAY_SCHEDULES.find((s) => s.year === 2026) as HolidaySchedule;
    const amended: HolidaySchedule = { ...bundled2026, makeUpWorkdays: [] };
    // Act
    const replaced = calendarWithYears([amended]);
    // Assert
    expect(isWorkingDay(replaced, '2026-01-04')).toBe(false);
    expect(isWorkingDay(calendar, '2026-01-04')).toBe(true);
    expect(calendarWithYears([])).toBe(calendar);
    expect(() => makeCalendar([notice2027, notice2027])).toThrow('节假日安排重复');
  });
});

describe('the lunar computation does not depend on the host time zone', () => {
  it.each(['America/Los_Angeles', 'UTC', 'Asia/Shanghai', 'Pacific/Kiritimati'])('computes 2027 in %s', (zone) => {
    // Arrange
    const saved = process.env.TZ;
    process.env.TZ = zone;
    try {
      // Act
      const days = festivalDays(2027).map((d) => `${d.festival} ${d.date}`);
      // Assert
      expect(days).toEqual([
        '元旦 2027-01-01',
        '春节 2027-02-05',
        '春节 2027-02-06',
        '春节 2027-02-07',
        '春节 2027-02-08',
        '清明节 2027-04-05',
        '劳动节 2027-05-01',
        '劳动节 2027-05-02',
        '端午节 2027-06-09',
        '中秋节 2027-09-15',
        '国庆节 2027-10-01',
        '国庆节 2027-10-02',
        '国庆节 2027-10-03',
      ]);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});
