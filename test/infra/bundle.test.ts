/**
 * The Lambda bundles as `ServiceFunction` deploys them (issue 17): one ES module per function, split by esbuild so
 * that what only some routes need (Word, Excel, S3, SES, the Lambda and Step Functions clients, the X-Ray tracer)
 * is in chunks read on first use, not at a cold start; and every chunk runs as an ES module in Node (the
 * `createRequire` banner gives CommonJS packages their `require`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Metafile } from 'esbuild';
import { bundleFunction, coldStartFiles } from '../../lib/constructs/service-function';

const FUNCTIONS = ['admin', 'annual-report', 'cases', 'deadline-tracker', 'intake', 'outbox-sender'] as const;

/** Packages a cold start must not read: each is needed by some routes or paths only. */
const ON_FIRST_USE = [
  'docx',
  'exceljs',
  'jszip',
  '@aws-sdk/client-s3',
  '@aws-sdk/s3-request-presigner',
  '@aws-sdk/client-sesv2',
  '@aws-sdk/client-lambda',
  '@aws-sdk/client-sfn',
  'aws-xray-sdk-core',
  '@aws-lambda-powertools/tracer',
];

/**
 * Our own modules a cold start must not read: the letter templates, the reply decisions and the HTML rendering of
 * statutory documents are loaded where a document is written (`case-file/document-writing.ts`), not by every
 * function that only asks which document an event calls for (`domain/documents/kinds.ts`).
 */
const WRITTEN_ON_FIRST_USE = [
  'functions/shared/domain/documents/templates.ts',
  'functions/shared/domain/documents/reply-decisions.ts',
  'functions/shared/domain/documents/render-html.ts',
  'functions/shared/case-file/document-writing.ts',
];

/**
 * The email templates: composed by a registration, a staff action the applicant is told of, a reminder, a close or
 * a digest, and read by the first of them, not at a cold start of the functions whose other routes send none.
 */
const NOTICE_TEMPLATES = 'functions/shared/notify/templates.ts';
const NOTICES_ON_FIRST_USE: readonly (typeof FUNCTIONS)[number][] = ['cases', 'deadline-tracker', 'intake'];

const packageOf = (input: string): string | undefined => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
const packagesIn = (outputs: Iterable<Metafile['outputs'][string]>): Set<string> =>
  new Set([...outputs].flatMap((output) => Object.keys(output.inputs).map(packageOf)).filter((p) => p !== undefined));

describe('Lambda bundles (ES modules split into chunks)', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'gongkai-bundles-'));
  const bundles = new Map<string, Metafile>();
  beforeAll(() => {
    for (const name of FUNCTIONS)
      bundles.set(name, bundleFunction(`functions/${name}/handler.ts`, path.join(out, name)));
  }, 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it.each(FUNCTIONS)('reads none of the first-use packages at a cold start of %s', (name) => {
    // Arrange
    const metafile = bundles.get(name) as Metafile;

    // Act
    const coldStart = packagesIn(coldStartFiles(metafile).values());
    const everything = packagesIn(Object.values(metafile.outputs));

    // Assert
    expect(ON_FIRST_USE.filter((p) => coldStart.has(p))).toEqual([]);
    expect(coldStart.has('@aws-sdk/client-dynamodb')).toBe(true);
    expect(everything.has('aws-xray-sdk-core')).toBe(true);
  });

  const coldStartSources = (name: string) =>
    new Set(
      [...coldStartFiles(bundles.get(name) as Metafile).values()].flatMap((output) => Object.keys(output.inputs)),
    );

  it.each(FUNCTIONS)('reads no letter template at a cold start of %s', (name) => {
    // Act
    const coldStart = coldStartSources(name);

    // Assert
    expect(WRITTEN_ON_FIRST_USE.filter((file) => coldStart.has(file))).toEqual([]);
  });

  it.each(NOTICES_ON_FIRST_USE)('reads no email template at a cold start of %s', (name) => {
    // Act
    const coldStart = coldStartSources(name);
    const everything = new Set(Object.values(bundles.get(name)?.outputs ?? {}).flatMap((o) => Object.keys(o.inputs)));

    // Assert
    expect(coldStart.has(NOTICE_TEMPLATES)).toBe(false);
    expect(everything.has(NOTICE_TEMPLATES)).toBe(true);
  });

  it('keeps Word and Excel in the functions that render them, as chunks', () => {
    // Act
    const everything = (name: string) => packagesIn(Object.values(bundles.get(name)?.outputs ?? {}));

    // Assert
    expect(everything('cases').has('exceljs')).toBe(true);
    expect(everything('cases').has('docx')).toBe(true);
    expect(everything('intake').has('docx')).toBe(true);
    expect(everything('annual-report').has('docx')).toBe(true);
  });

  it.each(FUNCTIONS)('loads the entry and every chunk of %s as ES modules in a fresh Node process', (name) => {
    // Arrange
    const files = Object.keys(bundles.get(name)?.outputs ?? {})
      .filter((file) => file.endsWith('.mjs'))
      .map((file) => pathToFileURL(path.resolve(__dirname, '..', '..', file)).href);
    const script = `for (const f of ${JSON.stringify(files)}) await import(f);
const { handler, scheduled } = await import(${JSON.stringify(files.find((f) => f.endsWith('/index.mjs')))});
process.stdout.write(typeof (handler ?? scheduled));`;

    // Act
    const loaded = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: {
        ...process.env,
        AWS_REGION: 'cn-north-1',
        CASE_TABLE_NAME: 'cases',
        REPORT_BUCKET_NAME: 'reports',
        CASE_FILES_BUCKET_NAME: 'case-files',
        SENDER_EMAIL: 'noreply@example.gov.cn',
        SEARCH_HASH_KEY: 'test-search-hash-key-0123456789abcdef',
      },
    });

    // Assert
    expect(loaded).toBe('function');
  });
});
