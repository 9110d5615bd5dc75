import { makeInMemoryRecomputeRepository, type MovedCase } from '../../functions/shared/store/recompute-repository';

/**
 * The recompute after a calendar change (issue 15), as the console follows it: queued by the administration, planned
 * by the job (its agencies known), each agency's moved cases recorded by its step, done or failed at the end.
 */
const moved = (caseId: string): MovedCase => ({
  caseId,
  receiptNumber: `NDZ-2026-${caseId}`,
  agencyId: 'niedui-town',
  before: { replyDue: '2027-01-08', provisional: true },
  after: { replyDue: '2027-01-11', provisional: false },
});

describe('recompute status', () => {
  it('goes from queued to running to done, listing the moved cases of every agency done', async () => {
    // Arrange
    const repository = makeInMemoryRecomputeRepository();
    await repository.queued({ year: 2027, version: 2, previousVersion: 1 }, '2026-12-10T02:00:00.000Z');
    const queued = await repository.get(2027, 2);

    // Act
    await repository.planned(2027, 2, 2);
    await repository.agencyDone(2027, 2, 'niedui-town', [moved('000001'), moved('000002')], '2026-12-10T02:00:01Z');
    const running = await repository.get(2027, 2);
    await repository.agencyDone(2027, 2, 'xihua-county', [], '2026-12-10T02:00:01Z');
    // A retried step writes the same again.
    await repository.agencyDone(2027, 2, 'xihua-county', [], '2026-12-10T02:00:02Z');
    await repository.finished(2027, 2, []);
    const done = await repository.get(2027, 2);

    // Assert
    expect(queued).toMatchObject({ status: 'queued', previousVersion: 1, agencies: { total: null, done: 0 } });
    expect(running).toMatchObject({ status: 'running', agencies: { total: 2, done: 1 }, movedCount: 2 });
    expect(done).toMatchObject({ status: 'done', agencies: { total: 2, done: 2, failed: [] }, movedCount: 2 });
    expect(done?.moved.map((m) => m.caseId)).toEqual(['000001', '000002']);
    expect(await repository.get(2027, 1)).toBeUndefined();
  });

  it('ends failed naming the agencies that failed every retry', async () => {
    const repository = makeInMemoryRecomputeRepository();
    await repository.queued({ year: 2027, version: 1, previousVersion: 0 }, '2026-12-10T02:00:00.000Z');
    await repository.planned(2027, 1, 2);
    await repository.agencyDone(2027, 1, 'niedui-town', [], '2026-12-10T02:00:01Z');
    await repository.finished(2027, 1, ['xihua-county']);
    expect(await repository.get(2027, 1)).toMatchObject({
      status: 'failed',
      agencies: { total: 2, done: 1, failed: ['xihua-county'] },
    });
  });
});
