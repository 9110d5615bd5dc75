import { addWorkingDays, makeCalendar, isProvisionalDate } from '../../functions/shared/domain/calendar';
import { checkYearNotice, scheduleOfNotice, schedulesInForce } from '../../functions/shared/domain/calendar-notice';
import { HOLIDAY_SCHEDULES } from '../../functions/shared/domain/holiday-schedules';

const notice = (holidays: string[], workdays: string[] = [], year = 2027) => ({
  year,
  noticeNumber: '国办发明电〔2026〕99号',
  publishedOn: '2026-12-15',
  holidays,
  workdays,
});

describe('a year holiday notice as an administrator enters it (design.md §9, ogi-rules.md §3)', () => {
  it.each([
    ['a clean notice', notice(['2027-01-01', '2027-02-05'], ['2027-02-20']), []],
    ['a holiday of another year', notice(['2026-12-31']), [['holidays.0', '2026-12-31 不在 2027 年内']]],
    ['a make-up day on a weekday (Wed 6 Jan)', notice([], ['2027-01-06']), [['workdays.0', '不是星期六或星期日']]],
    [
      'a day both off and worked (Sat 9 Jan)',
      notice(['2027-01-09'], ['2027-01-09']),
      [['workdays.0', '既是放假日期又是调休上班日期']],
    ],
    ['a holiday listed twice', notice(['2027-01-01', '2027-01-01']), [['holidays.1', '重复']]],
    [
      'a make-up day of another year (Sat 2 Jan 2027 in a 2028 notice)',
      notice([], ['2027-01-02'], 2028),
      [['workdays.0', '不在 2028 年内']],
    ],
  ])('%s', (_name, input, expected) => {
    const problems = checkYearNotice(input);
    expect(problems.map((p) => p.field)).toEqual(expected.map(([field]) => field));
    problems.forEach((p, i) => expect(p.message).toContain(expected[i]?.[1]));
  });

  it('groups consecutive holidays into periods and sorts make-up days', () => {
    const schedule = scheduleOfNotice(notice(['2027-01-05', '2027-01-01', '2027-01-04'], ['2027-01-16', '2027-01-09']));
    expect(schedule.holidays.map((p) => [p.from, p.to])).toEqual([
      ['2027-01-01', '2027-01-01'],
      ['2027-01-04', '2027-01-05'],
    ]);
    expect(schedule.makeUpWorkdays.map((m) => m.date)).toEqual(['2027-01-09', '2027-01-16']);
  });

  it('makes an entered year final and counts its holidays and make-up Saturday', () => {
    const calendar = makeCalendar(
      schedulesInForce(HOLIDAY_SCHEDULES, [notice(['2027-01-01', '2027-01-04', '2027-01-05'], ['2027-01-09'])]),
    );
    expect(isProvisionalDate(calendar, '2027-01-11')).toBe(false);
    // Thu 31 Dec 2026 + 4 working days: Wed 6, Thu 7, Fri 8, Sat 9 (worked) January.
    expect(addWorkingDays(calendar, '2026-12-31', 4)).toBe('2027-01-09');
  });

  it('lets an entered year replace the built-in one and keeps the other built-in years', () => {
    const schedules = schedulesInForce(HOLIDAY_SCHEDULES, [notice(['2024-10-01'], [], 2024)]);
    expect(schedules.filter((s) => s.year === 2024)).toHaveLength(1);
    expect(schedules.find((s) => s.year === 2024)?.holidays).toHaveLength(1);
    expect(schedules.map((s) => s.year)).toEqual(HOLIDAY_SCHEDULES.map((s) => s.year));
  });
});
