import { defaultCalendar, addWorkingDays } from '../../functions/shared/domain/calendar';
import {
  digestsFor,
  digestWindowStart,
  type DigestCase,
  type HeadDigest,
  type OfficeDigest,
} from '../../functions/shared/domain/digest';
import type { CaseEvent, RecordedEvent } from '../../functions/shared/domain/model';
import { headDigest, officeDigest } from '../../functions/shared/notify/templates';

const calendar = defaultCalendar();
const at = (date: string, hhmm = '10:00') => new Date(`${date}T${hhmm}:00+08:00`).toISOString();
function caseOf(n: number, events: CaseEvent[], actors: string[] = []): DigestCase {
  return {
    caseId: `case-${n}`,
    receiptNumber: `NDZ-2024-${String(n).padStart(6, '0')}`,
    events: events.map((event, i): RecordedEvent => ({
      seq: i + 1,
      at: at(event.on),
      actor: actors[i] ?? 'staff',
      event,
    })),
  };
}
const received = (on: string): CaseEvent => ({ type: 'received', on, channel: 'online' });

describe('digestsFor: at most one office and one head digest per working day (design.md §9)', () => {
  it('counts 10 head digests, each naming all 30 overdue cases, over 10 working days, and 3 office digests before', () => {
    // Arrange: 30 cases received Fri 2024-09-27, all due 2024-10-30 and never replied.
    const cases = Array.from({ length: 30 }, (_, i) => caseOf(i + 1, [received('2024-09-27')]));
    const days: string[] = [];
    for (let d = '2024-09-28'; days.length < 40; d = addWorkingDays(calendar, d, 1)) days.push(d);
    // Act
    const digests = days.map((d) => ({ d, ...digestsFor(cases, calendar, d) }));
    const heads = digests.filter((x) => x.head);
    const offices = digests.filter((x) => x.office);
    // Assert
    expect(offices.map((x) => x.d)).toEqual(['2024-10-23', '2024-10-29', '2024-10-30']);
    expect(offices.map((x) => x.office?.due.map((e) => e.workingDaysLeft)[0])).toEqual([5, 1, 0]);
    expect(offices.every((x) => x.office?.due.length === 30)).toBe(true);
    const firstTen = heads.slice(0, 10);
    expect(firstTen.map((x) => x.d)).toEqual([
      '2024-10-31',
      '2024-11-01',
      '2024-11-04',
      '2024-11-05',
      '2024-11-06',
      '2024-11-07',
      '2024-11-08',
      '2024-11-11',
      '2024-11-12',
      '2024-11-13',
    ]);
    expect(firstTen.map((x) => x.head?.overdue.length)).toEqual(Array(10).fill(30));
    expect(firstTen.map((x) => x.head?.overdue[0]?.overdueWorkingDays)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('sends nothing on a day that is not a working day, and everything once on a make-up Saturday', () => {
    // Arrange
    const cases = [caseOf(1, [received('2024-09-03')])]; // due 2024-10-08
    // Act / Assert
    expect(digestsFor(cases, calendar, '2024-10-13')).toEqual({ office: null, head: null });
    expect(digestsFor(cases, calendar, '2024-10-12').head?.overdue[0]?.overdueWorkingDays).toBe(4);
  });

  it('tells the office what arrived since the previous digest: an online supplement, an opinion', () => {
    // Arrange
    const supplemented = caseOf(
      1,
      [
        received('2024-09-27'),
        { type: 'supplement_requested', on: '2024-09-30', items: '文号', periodWorkingDays: 10 },
        { type: 'supplement_received', on: '2024-10-12' },
      ],
      ['applicant', 'staff', 'applicant'],
    );
    const consulted = caseOf(2, [
      received('2024-09-27'),
      { type: 'consultation_started', on: '2024-09-30', consultationId: 'c1', party: 'third_party', name: '某公司' },
      { type: 'consultation_ended', on: '2024-10-12', consultationId: 'c1' },
    ]);
    // Act: the working day after Sat 2024-10-12 (make-up day) is Mon 10-14; the window starts 10-12 09:00.
    const monday = digestsFor([supplemented, consulted], calendar, '2024-10-14');
    const tuesday = digestsFor([supplemented, consulted], calendar, '2024-10-15');
    // Assert
    expect(digestWindowStart(calendar, '2024-10-14')).toBe('2024-10-12T01:00:00.000Z');
    expect(monday.office?.arrivals).toEqual([
      { caseId: 'case-1', receiptNumber: 'NDZ-2024-000001', kind: 'supplement', on: '2024-10-12', byApplicant: true },
      {
        caseId: 'case-2',
        receiptNumber: 'NDZ-2024-000002',
        kind: 'consultation_opinion',
        on: '2024-10-12',
        party: '某公司',
      },
    ]);
    expect(tuesday.office?.arrivals ?? []).toEqual([]);
  });
});

describe('digest emails', () => {
  it('name every case by its receipt number with a link, and mark provisional dates 暂定 with why', () => {
    // Arrange
    const cases = [caseOf(7, [received('2026-12-04')])]; // due 2027-01-04 (provisional)
    const { office } = digestsFor(cases, calendar, '2026-12-25');
    const { head } = digestsFor(cases, calendar, '2027-01-05');
    // Act
    const officeEmail = officeDigest({
      agencyName: '聂堆镇人民政府',
      baseUrl: 'https://g.example',
      digest: office as OfficeDigest,
    });
    const headEmail = headDigest({
      agencyName: '聂堆镇人民政府',
      baseUrl: 'https://g.example',
      digest: head as HeadDigest,
    });
    // Assert
    expect(officeEmail.text).toContain('NDZ-2024-000007：还有5个工作日到期，答复期限2027年1月4日（暂定）');
    expect(officeEmail.text).toContain('https://g.example/console.html#/cases/case-7');
    expect(officeEmail.text).toContain('国务院节假日安排尚未公布');
    expect(headEmail.subject).toContain('逾期未答复：1件');
    expect(headEmail.text).toContain('已逾期1个工作日');
    expect(headEmail.html).toContain('（暂定）');
  });
});
