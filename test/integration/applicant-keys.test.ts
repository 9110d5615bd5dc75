import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { migrateApplicantKeys, migrateOrganisationNames } from '../../functions/shared/applicant-keys';
import { applicantKeyOf, legacyApplicantKeyOf } from '../../functions/shared/case-workflow';
import { fingerprintOf } from '../../functions/shared/client-token';
import { makeCaseRepository } from '../../functions/shared/store/case-repository';
import { loadHandler } from '../../local/template';
import { SAMPLE_COMPANY, sampleApplication, startTestSystem, type TestSystem } from '../support/local-system';

/**
 * Applicant keys (fees by count, Fee Measures Art. 4) are keyed hashes (security standard: ID numbers never stored
 * in a guessable form). Records written with the unkeyed key of old still count for the fee, and the reconcile
 * rewrites them, closed cases included.
 */
describe('applicant keys: keyed, and the unkeyed ones of old migrated by the reconcile', () => {
  let t: TestSystem;
  let tracker: (event: unknown, context: unknown) => Promise<unknown>;
  const officer = () => t.tokens['niedui-town'] ?? '';
  const applicant = (sampleApplication() as { applicant: { idType: string; idNumber: string } }).applicant;
  const ids: string[] = [];

  const storedKey = async (caseId: string) =>
    (
      await t.system.clients.document.send(
        new GetCommand({ TableName: t.system.tableName, Key: { pk: `CASE#${caseId}`, sk: 'CASE' } }),
      )
    ).Item?.reportView?.applicantKey as string | undefined;

  /** A table written before this version: no agency marked as migrated (the start's reconcile marked it). */
  const forgetMigration = () =>
    t.system.clients.document.send(
      new DeleteCommand({ TableName: t.system.tableName, Key: { pk: 'MIGRATION#niedui-town', sk: 'keyed-hashes-v1' } }),
    );

  beforeAll(async () => {
    t = await startTestSystem({ virtualClock: '2024-11-20T10:00:00+08:00' });
    tracker = await loadHandler('functions/deadline-tracker/handler.ts#handler');
    // Arrange: eleven applications of one applicant received in November 2024; the first replied (closed).
    for (let day = 1; day <= 11; day += 1) {
      const registered = await t.api<{ case: { caseId: string; version: number } }>('POST', '/v1/cases', {
        token: officer(),
        body: { ...sampleApplication(), channel: 'in_person', receivedOn: `2024-11-${String(day).padStart(2, '0')}` },
      });
      if (registered.status !== 201)
        throw new Error(`register: ${registered.status} ${JSON.stringify(registered.body)}`);
      ids.push(registered.body.case.caseId);
    }
    const replied = await t.api('POST', `/v1/cases/${ids[0] ?? ''}/actions`, {
      token: officer(),
      body: { type: 'reply', expectedVersion: 1, outcome: 'disclosed', repliedOn: '2024-11-12', summary: '予以公开' },
    });
    expect(replied.status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
  });

  it('stores a keyed key, never the unkeyed SHA-256 of the ID number', async () => {
    const key = await storedKey(ids[1] ?? '');

    expect(key).toBe(applicantKeyOf('niedui-town', applicant as never));
    expect(key).toMatch(/^k1\.[A-Za-z0-9_-]{43}$/);
    expect(key).not.toBe(legacyApplicantKeyOf(applicant as never));
  });

  it('counts records with an old-style key for the fee, and the reconcile rewrites them (closed ones too)', async () => {
    // Arrange: the closed first case and an open one carry the unkeyed key of old, as written before.
    const legacy = legacyApplicantKeyOf(applicant as never);
    for (const caseId of [ids[0] ?? '', ids[4] ?? ''])
      await t.system.clients.document.send(
        new UpdateCommand({
          TableName: t.system.tableName,
          Key: { pk: `CASE#${caseId}`, sk: 'CASE' },
          UpdateExpression: 'SET reportView.applicantKey = :k',
          ExpressionAttributeValues: { ':k': legacy },
        }),
      );
    const cases = makeCaseRepository(t.system.clients.document, t.system.tableName);
    const keyed = applicantKeyOf('niedui-town', applicant as never);

    // Act 1: a fee notice by count for the eleventh application before any migration.
    const fee = await t.api<{ events: { event: { type: string; amountYuan?: number } }[] }>(
      'POST',
      `/v1/cases/${ids[10] ?? ''}/actions`,
      {
        token: officer(),
        body: { type: 'issue_fee_notice', expectedVersion: 1, method: 'by_count', sentOn: '2024-11-20' },
      },
    );
    const onlyKeyedBefore = await cases.applicantCasesInMonth('niedui-town', '2024-11', [keyed]);

    // Act 2: a run whose time budget is spent at once leaves them for the next; then the reconcile.
    const deferred = await migrateApplicantKeys(cases, 'niedui-town', '2024-11-20', { budgetMs: 0 });
    await forgetMigration();
    await tracker({ task: 'reconcile' }, {} as never);

    // Assert: the eleventh is charged as the eleventh (its rank counted the two old-style records), then both
    // records carry the keyed key, and the keyed key alone finds all eleven.
    expect(fee.status).toBe(200);
    expect(fee.body.events.at(-1)?.event).toMatchObject({ type: 'fee_notice_sent', amountYuan: 100 });
    expect(onlyKeyedBefore).toHaveLength(9);
    expect(deferred).toEqual({ found: 2, rewritten: 0, remaining: 2 });
    expect(await storedKey(ids[0] ?? '')).toBe(keyed);
    expect(await storedKey(ids[4] ?? '')).toBe(keyed);
    const after = await cases.applicantCasesInMonth('niedui-town', '2024-11', [keyed]);
    expect(after.map((c) => c.caseId).sort()).toEqual([...ids].sort());
    expect(await cases.caseIdsWithUnkeyedApplicantKey('niedui-town', 'k1.')).toEqual([]);
    expect(await cases.migrationDone('niedui-town', 'keyed-hashes-v1')).toBe(true);
  });

  it('rewrites an organisation’s case stored with its name masked, so it is shown and found by a word of its name', async () => {
    // Arrange: a company's application, stored as before (name masked like a person's, not in the search text).
    const registered = await t.api<{ case: { caseId: string; version: number } }>('POST', '/v1/cases', {
      token: officer(),
      body: {
        ...sampleApplication(),
        applicant: {
          ...SAMPLE_COMPANY,
          phone: '0394 5551234',
          address: '河南省周口市西华县建材路1号',
        },
        delivery: { form: 'paper', method: 'post' },
        channel: 'in_person',
        receivedOn: '2024-11-18',
      },
    });
    expect(registered.status).toBe(201);
    const companyId = registered.body.case.caseId;
    const item = async (caseId: string) =>
      (
        await t.system.clients.document.send(
          new GetCommand({ TableName: t.system.tableName, Key: { pk: `CASE#${caseId}`, sk: 'CASE' } }),
        )
      ).Item ?? {};
    expect((await item(companyId)).applicant).toMatchObject({ phone: '0394-5551234' });
    await t.system.clients.document.send(
      new UpdateCommand({
        TableName: t.system.tableName,
        Key: { pk: `CASE#${companyId}`, sk: 'CASE' },
        UpdateExpression: 'SET listView.maskedName = :m, searchText = :d',
        ExpressionAttributeValues: { ':m': '西**********', ':d': '请公开2024年聂堆镇道路修缮工程的招标文件' },
      }),
    );
    const personBefore = await item(ids[5] ?? '');
    const cases = makeCaseRepository(t.system.clients.document, t.system.tableName);
    const search = (q: string) =>
      t.api<{ cases: { caseId: string; maskedName: string; match?: string }[] }>(
        'GET',
        `/v1/cases?agencyId=niedui-town&q=${encodeURIComponent(q)}`,
        { token: officer() },
      );
    const before = await search('华夏建材');

    // Act: a run whose budget is spent at once leaves it for the next; then the reconcile.
    const deferred = await migrateOrganisationNames(cases, 'niedui-town', '2024-11-20', { budgetMs: 0 });
    await t.system.clients.document.send(
      new DeleteCommand({
        TableName: t.system.tableName,
        Key: { pk: 'MIGRATION#niedui-town', sk: 'organisation-names-v1' },
      }),
    );
    await tracker({ task: 'reconcile' }, {} as never);

    // Assert: found by a word of its name and shown in full; the persons' cases untouched (still masked).
    expect(before.body.cases.map((c) => c.caseId)).not.toContain(companyId);
    expect(deferred).toEqual({ found: 1, rewritten: 0, remaining: 1 });
    const after = await search('华夏建材');
    expect(after.body.cases).toEqual([
      expect.objectContaining({ caseId: companyId, maskedName: '西华县华夏建材有限公司', match: 'organisation_name' }),
    ]);
    expect(await cases.caseIdsWithMaskedOrganisationName('niedui-town')).toEqual([]);
    expect(await cases.migrationDone('niedui-town', 'organisation-names-v1')).toBe(true);
    const personAfter = await item(ids[5] ?? '');
    expect(personAfter.listView).toEqual(personBefore.listView);
    expect(personAfter.listView.maskedName).toBe('张*');
  });

  it('drops client-token fingerprints stored as unkeyed hashes of old, keeping the keyed ones', async () => {
    // Arrange: a token of old (unkeyed per-field hashes) and one submitted now with a keyed fingerprint.
    const cases = makeCaseRepository(t.system.clients.document, t.system.tableName);
    await cases.claimClientToken(
      'niedui-town',
      'old-token-0001',
      { caseId: ids[2] ?? '', fingerprint: { 'applicant.idNumber': '0123456789abcdef01234567' } },
      { realMs: Date.now(), leaseMs: 1000 },
    );
    const submitted = await t.api('POST', '/v1/requests', {
      body: { ...sampleApplication(), clientToken: 'new-token-0001' },
    });
    const token = async (clientToken: string) =>
      (
        await t.system.clients.document.send(
          new GetCommand({
            TableName: t.system.tableName,
            Key: { pk: 'TOKEN#niedui-town', sk: `TOKEN#${clientToken}` },
          }),
        )
      ).Item;

    // Act
    await forgetMigration();
    await tracker({ task: 'reconcile' }, {} as never);

    // Assert
    expect(submitted.status).toBe(201);
    expect(await token('old-token-0001')).not.toHaveProperty('fingerprint');
    expect((await token('old-token-0001'))?.caseId).toBe(ids[2]);
    expect((await token('new-token-0001'))?.fingerprint).toEqual(
      fingerprintOf('new-token-0001', sampleApplication() as never),
    );
  });
});
