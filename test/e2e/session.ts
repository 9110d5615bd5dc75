/**
 * The frame every browser test file shares: the web built, the local system started as `gongkai start` starts
 * it, one Debian Chromium for the file, and for each test a fresh context (zh-CN, 1280×900) with its page.
 * Optionally each test fails when its page logged an error or a request failed (`watchPageProblems`).
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { buildWeb } from '../../web/build';
import { startTestSystem, type TestSystem } from '../support/local-system';
import { launchChromium, watchPageProblems } from './browser';

/** What a test reads from the session; each field is set by the hooks before the tests run. */
export interface ChromiumSession {
  system: TestSystem;
  browser: Browser;
  /** This test's context and its page (new for each test). */
  context: BrowserContext;
  page: Page;
  /** The page's errors and failed requests of this test (empty unless `failOnPageProblems`). */
  problems: string[];
}

export interface ChromiumSessionOptions {
  /** More options of each test's browser context (e.g. `acceptDownloads`). */
  contextOptions?: BrowserContextOptions;
  /** Each test fails when its page logged an error or a request failed. */
  failOnPageProblems?: boolean;
  /** Runs on each test's new page before the test (e.g. to watch its console). */
  onPage?: (page: Page) => void;
}

/** The standard context of a browser test: Chinese locale, a desktop window. */
export const DESKTOP_CONTEXT: BrowserContextOptions = { locale: 'zh-CN', viewport: { width: 1280, height: 900 } };

/** Registers the file's hooks and returns the session they fill in. Call it once, at the top of a test file. */
export function useChromiumSession(options: ChromiumSessionOptions = {}): ChromiumSession {
  const session = { problems: [] as string[] } as ChromiumSession;

  beforeAll(async () => {
    await buildWeb();
    session.system = await startTestSystem();
    session.browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await session.browser?.close();
    await session.system?.stop();
  });

  beforeEach(async () => {
    session.context = await session.browser.newContext({ ...DESKTOP_CONTEXT, ...options.contextOptions });
    session.page = await session.context.newPage();
    session.problems = options.failOnPageProblems ? watchPageProblems(session.page) : [];
    options.onPage?.(session.page);
  });

  afterEach(async () => {
    if (options.failOnPageProblems) expect(session.problems).toEqual([]);
    await session.context.close();
  });

  return session;
}
