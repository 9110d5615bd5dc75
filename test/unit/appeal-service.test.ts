import { fileAppeal, recordAppealResult, type AppealCase } from '../../functions/shared/desk/appeals';
import { HttpError, ValidationFailedError } from '../../functions/shared/http/api';
import { makeInMemoryAppealRepository } from '../../functions/shared/store/appeal-repository';

/**
 * The appeals service (design.md §9 "The desk: Appeals") over the in-memory twin of the appeal store: rules from
 * the domain, a result recorded once, the years a change touches marked on their published reports.
 */

/** Report statuses: the published years, and the notes marked on them. */
function statusesWith(published: number[]) {
  const marked: { year: number; note: string }[] = [];
  return {
    marked,
    async markCorrectionNeeded(_agencyId: string, year: number, _at: string, note: string) {
      if (!published.includes(year)) return false;
      marked.push({ year, note });
      return true;
    },
  };
}

const CASE: AppealCase = {
  caseId: 'c1',
  agencyId: 'niedui-town',
  receiptNumber: 'NDZ-2023-000007',
  receivedOn: '2023-03-01',
  closedOn: '2023-03-14',
  repliedOnTime: true,
};
const NOW = new Date('2026-02-02T02:00:00Z');

describe('filing an appeal and recording its result', () => {
  it('stores the appeal and warns for every published year in which it stood 尚未审结', async () => {
    // Arrange: 2023 and 2025 published, 2024 not; an appeal filed in 2023 entered only now, still pending.
    const appeals = makeInMemoryAppealRepository();
    const statuses = statusesWith([2023, 2025]);

    // Act
    const { appeal, warnings } = await fileAppeal(
      { appeals, statuses },
      {
        caseFile: CASE,
        appeal: { kind: 'review', forum: '西华县人民政府', filedOn: '2023-04-20' },
        actor: 'u1',
        now: NOW,
      },
    );

    // Assert
    expect(warnings.map((w) => [w.code, w.year])).toEqual([
      ['published_year_affected', 2023],
      ['published_year_affected', 2025],
    ]);
    expect(statuses.marked.map((m) => m.note)).toEqual([
      'NDZ-2023-000007 行政复议登记（提起日期 2023-04-20）',
      'NDZ-2023-000007 行政复议登记（提起日期 2023-04-20）',
    ]);
    expect(await appeals.listForCase('niedui-town', 'c1')).toEqual([
      expect.objectContaining({ appealId: appeal.appealId, recordedBy: 'u1', recordedAt: NOW.toISOString() }),
    ]);
    expect(await appeals.listForYear('niedui-town', 2025)).toHaveLength(1);
  });

  it('refuses a filing before the reply with a 400 naming filedOn, and stores nothing', async () => {
    const appeals = makeInMemoryAppealRepository();

    const attempt = fileAppeal(
      { appeals, statuses: statusesWith([]) },
      {
        caseFile: CASE,
        appeal: { kind: 'review', forum: '西华县人民政府', filedOn: '2023-03-10' },
        actor: 'u1',
        now: NOW,
      },
    );

    await expect(attempt).rejects.toBeInstanceOf(ValidationFailedError);
    await expect(attempt).rejects.toMatchObject({ fields: [{ path: 'filedOn' }] });
    expect(appeals.items.size).toBe(0);
  });

  it('records a result once (409 the second time), warning for the years from its decision on', async () => {
    // Arrange
    const appeals = makeInMemoryAppealRepository();
    const statuses = statusesWith([2023, 2024, 2025]);
    const deps = { appeals, statuses };
    const { appeal } = await fileAppeal(deps, {
      caseFile: CASE,
      appeal: { kind: 'litigation_direct', forum: '西华县人民法院', filedOn: '2023-05-04' },
      actor: 'u1',
      now: NOW,
    });
    statuses.marked.length = 0;

    // Act
    const first = await recordAppealResult(deps, {
      caseFile: CASE,
      appealId: appeal.appealId,
      outcome: { result: 'corrected', decidedOn: '2024-03-01' },
      actor: 'u2',
      now: NOW,
    });
    const second = recordAppealResult(deps, {
      caseFile: CASE,
      appealId: appeal.appealId,
      outcome: { result: 'upheld', decidedOn: '2024-03-02' },
      actor: 'u2',
      now: NOW,
    });

    // Assert
    expect(first.appeal).toMatchObject({ result: 'corrected', decidedOn: '2024-03-01', decidedBy: 'u2' });
    expect(first.warnings.map((w) => w.year)).toEqual([2024, 2025]);
    await expect(second).rejects.toMatchObject({ statusCode: 409, code: 'appeal_decided' });
    await expect(second).rejects.toBeInstanceOf(HttpError);
    expect(await appeals.listForYear('niedui-town', 2023)).toEqual([expect.objectContaining({ result: 'corrected' })]);
    expect(await appeals.listForYear('niedui-town', 2025)).toEqual([]);
  });

  it('answers 404 for an appeal of another case', async () => {
    const appeals = makeInMemoryAppealRepository();
    const deps = { appeals, statuses: statusesWith([]) };
    const { appeal } = await fileAppeal(deps, {
      caseFile: CASE,
      appeal: { kind: 'review', forum: '西华县人民政府', filedOn: '2023-04-20' },
      actor: 'u1',
      now: NOW,
    });

    const attempt = recordAppealResult(deps, {
      caseFile: { ...CASE, caseId: 'c2' },
      appealId: appeal.appealId,
      outcome: { result: 'upheld', decidedOn: '2023-06-01' },
      actor: 'u1',
      now: NOW,
    });

    await expect(attempt).rejects.toMatchObject({ statusCode: 404 });
  });
});
