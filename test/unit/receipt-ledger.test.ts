import {
  accountReceipts,
  counterKey,
  normalizeReceiptNumber,
  receiptNumberCandidates,
} from '../../functions/shared/receipt-ledger';
import { makeInMemoryReceiptRepository } from '../../functions/shared/store/receipt-repository';

/**
 * Every receipt number drawn is a case or a recorded void (issue 10): which gaps the reconcile calls void. Numbers
 * 1–6 drawn, 1, 2 and 5 became cases; 3, 4 and 6 are gaps.
 */
const AGENCY = { agencyId: 'niedui-town', receiptPrefix: 'NDZ' };
const NOW_MS = Date.parse('2026-12-07T02:00:00Z');
const GRACE_MS = 120_000;

describe('accountReceipts', () => {
  it.each([
    {
      why: 'the counter has drawn nothing since the process started: every gap is void',
      lastDrawnAt: NOW_MS - 60_000,
      drawnBeforeMs: NOW_MS - 30_000,
      drawnUpTo: undefined,
      voided: [3, 4, 6],
    },
    {
      why: 'the new process drew 6 after it started (a resend): 3 and 4, drawn by the killed process, are void; 6 may be in flight',
      lastDrawnAt: NOW_MS - 1_000,
      drawnBeforeMs: NOW_MS - 30_000,
      drawnUpTo: { [counterKey('niedui-town', 2026)]: 4 },
      voided: [3, 4],
    },
    {
      why: 'numbers drawn just now, no restart boundary: nothing is void before the grace period',
      lastDrawnAt: NOW_MS - 1_000,
      drawnBeforeMs: NOW_MS - GRACE_MS,
      drawnUpTo: undefined,
      voided: [],
    },
    {
      why: 'a boundary of another year does not apply',
      lastDrawnAt: NOW_MS - 1_000,
      drawnBeforeMs: NOW_MS - GRACE_MS,
      drawnUpTo: { [counterKey('niedui-town', 2025)]: 6 },
      voided: [],
    },
  ])('$why', async ({ lastDrawnAt, drawnBeforeMs, drawnUpTo, voided }) => {
    // Arrange
    const receipts = makeInMemoryReceiptRepository({
      counters: { 'niedui-town': [{ year: 2026, last: 6, lastDrawnAt }] },
      cases: { [counterKey('niedui-town', 2026)]: [1, 2, 5] },
    });

    // Act
    const [account] = await accountReceipts(receipts, [AGENCY], {
      now: new Date(NOW_MS),
      realMs: NOW_MS,
      drawnBeforeMs,
      graceMs: GRACE_MS,
      ...(drawnUpTo ? { drawnUpTo } : {}),
    });

    // Assert
    expect((await receipts.listVoids('niedui-town', 2026)).map((v) => v.sequence)).toEqual(voided);
    expect(account).toMatchObject({ drawn: 6, cases: 3, voids: voided.length, unresolved: 3 - voided.length });
  });

  it('calls a gap void once an earlier reconcile saw it more than the grace period ago', async () => {
    // Arrange: a first reconcile notes the gaps (drawn just now).
    const receipts = makeInMemoryReceiptRepository({
      counters: { 'niedui-town': [{ year: 2026, last: 6, lastDrawnAt: NOW_MS }] },
      cases: { [counterKey('niedui-town', 2026)]: [1, 2, 5] },
    });
    const options = { now: new Date(NOW_MS), realMs: NOW_MS, drawnBeforeMs: NOW_MS - GRACE_MS, graceMs: GRACE_MS };
    await accountReceipts(receipts, [AGENCY], options);

    // Act: the next reconcile, after the grace period.
    const later = NOW_MS + GRACE_MS;
    await accountReceipts(receipts, [AGENCY], { ...options, now: new Date(later), realMs: later });

    // Assert
    const voids = await receipts.listVoids('niedui-town', 2026);
    expect(voids.map((v) => [v.receiptNumber, v.reason])).toEqual([
      ['NDZ-2026-000003', 'request_died'],
      ['NDZ-2026-000004', 'request_died'],
      ['NDZ-2026-000006', 'request_died'],
    ]);
  });
});

describe('receiptNumberCandidates (the desk search box)', () => {
  it.each([
    { q: 'NDZ-2024-000012', want: ['NDZ-2024-000012'] },
    { q: ' ndz-2024-000012 ', want: ['NDZ-2024-000012'] },
    { q: 'NDZ-2024-12', want: ['NDZ-2024-000012'] },
    { q: '12', want: ['NDZ-2025-000012', 'NDZ-2024-000012'] },
    { q: '000012', want: ['NDZ-2025-000012', 'NDZ-2024-000012'] },
    { q: '１２', want: ['NDZ-2025-000012', 'NDZ-2024-000012'] },
    { q: '第12号', want: ['NDZ-2025-000012', 'NDZ-2024-000012'] },
    { q: '2024-12', want: ['NDZ-2024-000012'] },
    { q: '2024年12号', want: ['NDZ-2024-000012'] },
    { q: '2024/000012', want: ['NDZ-2024-000012'] },
    { q: '0', want: [] },
    { q: '13800138000', want: [] }, // a phone
    { q: '41272219800101001X', want: [] }, // an ID number
    { q: '张三', want: [] },
    { q: '财政 预算', want: [] },
  ])('$q → $want', ({ q, want }) => {
    expect(receiptNumberCandidates(q, 'NDZ', 2025)).toEqual(want);
  });
});

describe('normalizeReceiptNumber (as applicants and officers type it)', () => {
  it.each([
    { typed: 'NDZ-2026-000002', stored: 'NDZ-2026-000002' },
    { typed: 'ndz-2026-000002', stored: 'NDZ-2026-000002' },
    { typed: 'NDZ-2026-2', stored: 'NDZ-2026-000002' },
    { typed: ' ndz - 2026 - 2 ', stored: 'NDZ-2026-000002' },
    { typed: 'ＮＤＺ－２０２６－０００００２', stored: 'NDZ-2026-000002' },
    { typed: 'XHX1-2025-123456', stored: 'XHX1-2025-123456' },
    { typed: 'not a number', stored: 'NOTANUMBER' },
    { typed: 'NDZ-2026-1234567', stored: 'NDZ-2026-1234567' },
  ])('$typed → $stored', ({ typed, stored }) => {
    expect(normalizeReceiptNumber(typed)).toBe(stored);
  });
});
