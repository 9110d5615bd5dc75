import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LOCAL_BUCKET_NAME, LOCAL_TABLE_NAME, startLocalSystem, type LocalSystem } from '../../local/runtime';
import { LOCAL_DIFFERENCES, localFunctionEnvironments, synthesizeTemplate } from '../../local/template';

/**
 * Issue 15 acceptance 3: each Lambda's environment in the local system equals its environment in the synthesised
 * template, references resolved to the local stand-ins, except the overrides documented in LOCAL_DIFFERENCES.
 */
describe('the local system configures each function from the synthesised template', () => {
  let system: LocalSystem;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'gongkai-env-'));
    system = await startLocalSystem({ dataDir, background: false });
  }, 60_000);
  afterAll(async () => {
    await system?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const functions = () =>
    localFunctionEnvironments(synthesizeTemplate(), {
      tableName: LOCAL_TABLE_NAME,
      bucketName: LOCAL_BUCKET_NAME,
      searchHashKey: process.env.SEARCH_HASH_KEY,
    });

  it('gives every function each variable of its template environment, with the same value', () => {
    const all = functions();
    expect(all.map((f) => f.handler)).toEqual(
      expect.arrayContaining([
        'functions/intake/handler.ts#handler',
        'functions/cases/handler.ts#handler',
        'functions/admin/handler.ts#handler',
        'functions/deadline-tracker/handler.ts#handler',
        'functions/annual-report/handler.ts#handler',
        'functions/annual-report/handler.ts#scheduled',
      ]),
    );
    for (const fn of all)
      for (const [name, value] of Object.entries(fn.local))
        expect({ fn: fn.logicalId, name, value: process.env[name] ?? '' }).toEqual({ fn: fn.logicalId, name, value });
  });

  it('differs from the template only where LOCAL_DIFFERENCES says so', () => {
    const overridden = new Set(Object.keys(LOCAL_DIFFERENCES.overrides));
    for (const fn of functions())
      for (const [name, value] of Object.entries(fn.template))
        if (!overridden.has(name)) expect({ name, value: fn.local[name] }).toEqual({ name, value });
    expect(process.env.CASE_TABLE_NAME).toBe(system.tableName);
    expect(process.env.TIMELINE_STATE_MACHINE_ARN).toBe(system.timelineArn);
  });
});
