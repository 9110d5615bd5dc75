/**
 * The State Council's yearly holiday schedules (国务院办公厅关于XXXX年部分节假日安排的通知), as versioned data:
 * one entry per year, with the notice (document number, publication date), its holidays (放假) and its make-up
 * working days (调休上班). ogi-rules.md §3, §7: a working day is Monday–Friday unless the notice makes it a
 * holiday, plus every weekend day the notice declares a make-up working day.
 *
 * Adding a year is a data change: append an entry here; `makeCalendar` picks it up and every deadline that
 * touches the year stops being provisional.
 */
import { addDays } from './local-date';
import type { LocalDate } from './model';

/** A State Council notice (通知) fixing or amending a year's holidays. */
export interface HolidayNotice {
  /** e.g. 国办发明电〔2023〕7号 */
  readonly documentNumber: string;
  readonly title: string;
  /** Publication date. */
  readonly publishedOn: LocalDate;
  readonly url?: string;
}

/** A run of days off (放假), both ends included, named after its festival (春节, 国庆节 …). */
export interface HolidayPeriod {
  readonly festival: string;
  readonly from: LocalDate;
  readonly to: LocalDate;
}

/** A weekend day worked instead (调休上班), with the festival it makes up for. */
export interface MakeUpWorkday {
  readonly date: LocalDate;
  readonly festival: string;
}

/** One year's schedule, as finally in force (amendments already applied to the dates). */
export interface HolidaySchedule {
  readonly year: number;
  readonly notice: HolidayNotice;
  /** Later notices that changed this year's schedule (e.g. the 2020 extension of 春节). */
  readonly amendments: readonly HolidayNotice[];
  readonly holidays: readonly HolidayPeriod[];
  readonly makeUpWorkdays: readonly MakeUpWorkday[];
}

const title = (year: number): string => `国务院办公厅关于${year}年部分节假日安排的通知`;

/** The bundled schedules, 2019–2026. */
export const HOLIDAY_SCHEDULES: readonly HolidaySchedule[] = [
  {
    year: 2019,
    notice: {
      documentNumber: '国办发明电〔2018〕15号',
      title: title(2019),
      publishedOn: '2018-12-06',
      url: 'https://www.gov.cn/zhengce/content/2018-12/06/content_5346276.htm',
    },
    amendments: [
      {
        documentNumber: '国办发明电〔2019〕3号',
        title: '国务院办公厅关于调整2019年劳动节假期安排的通知',
        publishedOn: '2019-03-22',
        url: 'https://www.gov.cn/zhengce/content/2019-03/22/content_5375877.htm',
      },
    ],
    holidays: [
      { festival: '元旦', from: '2018-12-30', to: '2019-01-01' },
      { festival: '春节', from: '2019-02-04', to: '2019-02-10' },
      { festival: '清明节', from: '2019-04-05', to: '2019-04-07' },
      { festival: '劳动节', from: '2019-05-01', to: '2019-05-04' },
      { festival: '端午节', from: '2019-06-07', to: '2019-06-09' },
      { festival: '中秋节', from: '2019-09-13', to: '2019-09-15' },
      { festival: '国庆节', from: '2019-10-01', to: '2019-10-07' },
    ],
    makeUpWorkdays: [
      { date: '2018-12-29', festival: '元旦' },
      { date: '2019-02-02', festival: '春节' },
      { date: '2019-02-03', festival: '春节' },
      { date: '2019-04-28', festival: '劳动节' },
      { date: '2019-05-05', festival: '劳动节' },
      { date: '2019-09-29', festival: '国庆节' },
      { date: '2019-10-12', festival: '国庆节' },
    ],
  },
  {
    year: 2020,
    notice: {
      documentNumber: '国办发明电〔2019〕16号',
      title: title(2020),
      publishedOn: '2019-11-21',
      url: 'https://www.gov.cn/zhengce/content/2019-11/21/content_5454164.htm',
    },
    amendments: [
      {
        documentNumber: '国办发明电〔2020〕1号',
        title: '国务院办公厅关于延长2020年春节假期的通知',
        publishedOn: '2020-01-27',
        url: 'https://www.gov.cn/zhengce/content/2020-01/27/content_5472352.htm',
      },
    ],
    holidays: [
      { festival: '元旦', from: '2020-01-01', to: '2020-01-01' },
      // 春节 01-24..01-30, extended to 02-02 by 国办发明电〔2020〕1号 (so Sat 02-01 is no longer worked).
      { festival: '春节', from: '2020-01-24', to: '2020-02-02' },
      { festival: '清明节', from: '2020-04-04', to: '2020-04-06' },
      { festival: '劳动节', from: '2020-05-01', to: '2020-05-05' },
      { festival: '端午节', from: '2020-06-25', to: '2020-06-27' },
      { festival: '国庆节、中秋节', from: '2020-10-01', to: '2020-10-08' },
    ],
    makeUpWorkdays: [
      { date: '2020-01-19', festival: '春节' },
      { date: '2020-04-26', festival: '劳动节' },
      { date: '2020-05-09', festival: '劳动节' },
      { date: '2020-06-28', festival: '端午节' },
      { date: '2020-09-27', festival: '国庆节、中秋节' },
      { date: '2020-10-10', festival: '国庆节、中秋节' },
    ],
  },
  {
    year: 2021,
    notice: {
      documentNumber: '国办发明电〔2020〕27号',
      title: title(2021),
      publishedOn: '2020-11-25',
      url: 'https://www.gov.cn/zhengce/content/2020-11/25/content_5564127.htm',
    },
    amendments: [],
    holidays: [
      { festival: '元旦', from: '2021-01-01', to: '2021-01-03' },
      { festival: '春节', from: '2021-02-11', to: '2021-02-17' },
      { festival: '清明节', from: '2021-04-03', to: '2021-04-05' },
      { festival: '劳动节', from: '2021-05-01', to: '2021-05-05' },
      { festival: '端午节', from: '2021-06-12', to: '2021-06-14' },
      { festival: '中秋节', from: '2021-09-19', to: '2021-09-21' },
      { festival: '国庆节', from: '2021-10-01', to: '2021-10-07' },
    ],
    makeUpWorkdays: [
      { date: '2021-02-07', festival: '春节' },
      { date: '2021-02-20', festival: '春节' },
      { date: '2021-04-25', festival: '劳动节' },
      { date: '2021-05-08', festival: '劳动节' },
      { date: '2021-09-18', festival: '中秋节' },
      { date: '2021-09-26', festival: '国庆节' },
      { date: '2021-10-09', festival: '国庆节' },
    ],
  },
  {
    year: 2022,
    notice: {
      documentNumber: '国办发明电〔2021〕11号',
      title: title(2022),
      publishedOn: '2021-10-25',
      url: 'https://www.gov.cn/zhengce/content/2021-10/25/content_5644835.htm',
    },
    amendments: [],
    holidays: [
      { festival: '元旦', from: '2022-01-01', to: '2022-01-03' },
      { festival: '春节', from: '2022-01-31', to: '2022-02-06' },
      { festival: '清明节', from: '2022-04-03', to: '2022-04-05' },
      { festival: '劳动节', from: '2022-04-30', to: '2022-05-04' },
      { festival: '端午节', from: '2022-06-03', to: '2022-06-05' },
      { festival: '中秋节', from: '2022-09-10', to: '2022-09-12' },
      { festival: '国庆节', from: '2022-10-01', to: '2022-10-07' },
    ],
    makeUpWorkdays: [
      { date: '2022-01-29', festival: '春节' },
      { date: '2022-01-30', festival: '春节' },
      { date: '2022-04-02', festival: '清明节' },
      { date: '2022-04-24', festival: '劳动节' },
      { date: '2022-05-07', festival: '劳动节' },
      { date: '2022-10-08', festival: '国庆节' },
      { date: '2022-10-09', festival: '国庆节' },
    ],
  },
  {
    year: 2023,
    notice: {
      documentNumber: '国办发明电〔2022〕16号',
      title: title(2023),
      publishedOn: '2022-12-08',
      url: 'https://www.gov.cn/zhengce/content/2022-12/08/content_5730844.htm',
    },
    amendments: [],
    holidays: [
      { festival: '元旦', from: '2022-12-31', to: '2023-01-02' },
      { festival: '春节', from: '2023-01-21', to: '2023-01-27' },
      { festival: '清明节', from: '2023-04-05', to: '2023-04-05' },
      { festival: '劳动节', from: '2023-04-29', to: '2023-05-03' },
      { festival: '端午节', from: '2023-06-22', to: '2023-06-24' },
      { festival: '中秋节、国庆节', from: '2023-09-29', to: '2023-10-06' },
    ],
    makeUpWorkdays: [
      { date: '2023-01-28', festival: '春节' },
      { date: '2023-01-29', festival: '春节' },
      { date: '2023-04-23', festival: '劳动节' },
      { date: '2023-05-06', festival: '劳动节' },
      { date: '2023-06-25', festival: '端午节' },
      { date: '2023-10-07', festival: '中秋节、国庆节' },
      { date: '2023-10-08', festival: '中秋节、国庆节' },
    ],
  },
  {
    year: 2024,
    notice: {
      documentNumber: '国办发明电〔2023〕7号',
      title: title(2024),
      publishedOn: '2023-10-25',
      url: 'https://www.gov.cn/zhengce/content/202310/content_6911527.htm',
    },
    amendments: [],
    holidays: [
      { festival: '元旦', from: '2024-01-01', to: '2024-01-01' },
      { festival: '春节', from: '2024-02-10', to: '2024-02-17' },
      { festival: '清明节', from: '2024-04-04', to: '2024-04-06' },
      { festival: '劳动节', from: '2024-05-01', to: '2024-05-05' },
      { festival: '端午节', from: '2024-06-10', to: '2024-06-10' },
      { festival: '中秋节', from: '2024-09-15', to: '2024-09-17' },
      { festival: '国庆节', from: '2024-10-01', to: '2024-10-07' },
    ],
    makeUpWorkdays: [
      { date: '2024-02-04', festival: '春节' },
      { date: '2024-02-18', festival: '春节' },
      { date: '2024-04-07', festival: '清明节' },
      { date: '2024-04-28', festival: '劳动节' },
      { date: '2024-05-11', festival: '劳动节' },
      { date: '2024-09-14', festival: '中秋节' },
      { date: '2024-09-29', festival: '国庆节' },
      { date: '2024-10-12', festival: '国庆节' },
    ],
  },
  {
    year: 2025,
    notice: {
      documentNumber: '国办发明电〔2024〕12号',
      title: title(2025),
      publishedOn: '2024-11-12',
      url: 'https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm',
    },
    amendments: [],
    holidays: [
      { festival: '元旦', from: '2025-01-01', to: '2025-01-01' },
      { festival: '春节', from: '2025-01-28', to: '2025-02-04' },
      { festival: '清明节', from: '2025-04-04', to: '2025-04-06' },
      { festival: '劳动节', from: '2025-05-01', to: '2025-05-05' },
      { festival: '端午节', from: '2025-05-31', to: '2025-06-02' },
      { festival: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08' },
    ],
    makeUpWorkdays: [
      { date: '2025-01-26', festival: '春节' },
      { date: '2025-02-08', festival: '春节' },
      { date: '2025-04-27', festival: '劳动节' },
      { date: '2025-09-28', festival: '国庆节、中秋节' },
      { date: '2025-10-11', festival: '国庆节、中秋节' },
    ],
  },
  {
    year: 2026,
    notice: {
      documentNumber: '国办发明电〔2025〕7号',
      title: title(2026),
      publishedOn: '2025-11-04',
      url: 'https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm',
    },
    amendments: [],
    holidays: [
      { festival: '元旦', from: '2026-01-01', to: '2026-01-03' },
      { festival: '春节', from: '2026-02-15', to: '2026-02-23' },
      { festival: '清明节', from: '2026-04-04', to: '2026-04-06' },
      { festival: '劳动节', from: '2026-05-01', to: '2026-05-05' },
      { festival: '端午节', from: '2026-06-19', to: '2026-06-21' },
      { festival: '中秋节', from: '2026-09-25', to: '2026-09-27' },
      { festival: '国庆节', from: '2026-10-01', to: '2026-10-07' },
    ],
    makeUpWorkdays: [
      { date: '2026-01-04', festival: '元旦' },
      { date: '2026-02-14', festival: '春节' },
      { date: '2026-02-28', festival: '春节' },
      { date: '2026-05-09', festival: '劳动节' },
      { date: '2026-09-20', festival: '国庆节' },
      { date: '2026-10-10', festival: '国庆节' },
    ],
  },
];

/** A year's notice as administrators enter it (`PUT /v1/admin/calendars/{year}`, design.md §9). */
export interface NoticeInput {
  readonly year: number;
  /** e.g. 国办发明电〔2026〕7号 */
  readonly noticeNumber: string;
  readonly publishedOn: LocalDate;
  /** Every day off the notice lists (放假). */
  readonly holidays: readonly LocalDate[];
  /** Every weekend day the notice makes a working day (调休上班). */
  readonly workdays: readonly LocalDate[];
}

/**
 * A schedule from a notice entered as flat date lists: consecutive days off become one period, named `节假日`
 * (the notice's own festival names are not entered). ogi-rules.md §7.
 * @example scheduleFromNotice({ year: 2027, noticeNumber: '国办发明电〔2026〕1号', publishedOn: '2026-11-10', holidays: ['2027-01-01'], workdays: [] }).holidays // [{ festival: '节假日', from: '2027-01-01', to: '2027-01-01' }]
 */
export function scheduleFromNotice(input: NoticeInput): HolidaySchedule {
  const sorted = [...new Set(input.holidays)].sort();
  const holidays: HolidayPeriod[] = [];
  for (const date of sorted) {
    const last = holidays[holidays.length - 1];
    if (last && addDays(last.to, 1) === date) holidays[holidays.length - 1] = { ...last, to: date };
    else holidays.push({ festival: '节假日', from: date, to: date });
  }
  return {
    year: input.year,
    notice: { documentNumber: input.noticeNumber, title: title(input.year), publishedOn: input.publishedOn },
    amendments: [],
    holidays,
    makeUpWorkdays: [...new Set(input.workdays)].sort().map((date) => ({ date, festival: '调休' })),
  };
}
