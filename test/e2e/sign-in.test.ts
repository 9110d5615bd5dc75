/**
 * The console's sign-in in AWS (issue 15 acceptance 4), in Chromium: the console is served at the address the
 * synthesised stack registers as the user-pool client's callback, with the `config.json` the stack writes; the
 * Cognito hosted UI and token endpoint are played by the test from the synthesised client settings. The console
 * must send the browser to the right authorize URL (code flow, PKCE S256, state), exchange the code with the
 * verifier that matches the challenge, keep the ID token in memory only, and sign out through the hosted UI.
 */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page, Route } from 'playwright-core';
import { buildStack } from '../../lib/build-stack';
import { buildWeb } from '../../web/build';
import { launchChromium, watchPageProblems } from './browser';

jest.setTimeout(60_000);

const DIST = path.join(__dirname, '..', '..', 'web', 'dist');
const REGION = 'us-east-1';
const CLIENT_ID = 'console-client-id-from-the-stack';
const POOL_ID = `${REGION}_Abcdefghi`;

interface ClientSettings {
  AllowedOAuthFlows: string[];
  AllowedOAuthScopes: string[];
  CallbackURLs: string[];
  LogoutURLs: string[];
}

let browser: Browser;
let client: ClientSettings;
let domain: string;
/** The Content-Security-Policy CloudFront adds to every page of the synthesised stack. */
let csp: string;

beforeAll(async () => {
  await buildWeb();
  const app = new App({
    context: {
      'aws:cdk:bundling-stacks': [],
      'gongkai:senderEmail': 'noreply@xihua.example.gov.cn',
      'gongkai:publicBaseUrl': 'https://gongkai.xihua.example.gov.cn',
      'gongkai:signInDomainPrefix': 'xihua-gongkai',
    },
  });
  const template = Template.fromStack(buildStack(app));
  client = (Object.values(template.findResources('AWS::Cognito::UserPoolClient'))[0] as { Properties: ClientSettings })
    .Properties;
  const prefix = (
    Object.values(template.findResources('AWS::Cognito::UserPoolDomain'))[0] as { Properties: { Domain: string } }
  ).Properties.Domain;
  domain = `https://${prefix}.auth.${REGION}.amazoncognito.com`;
  csp = (
    Object.values(template.findResources('AWS::CloudFront::ResponseHeadersPolicy'))[0] as {
      Properties: {
        ResponseHeadersPolicyConfig: {
          SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: string } };
        };
      };
    }
  ).Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');
const CONTENT_TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/** Serves the built pages at the callback's origin, the stack's config.json, and a tiny API for `/v1/me`. */
async function serveConsole(page: Page, idToken: () => string): Promise<void> {
  const origin = new URL(client.CallbackURLs[0] ?? '').origin;
  await page.route(`${origin}/**`, async (route: Route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/config.json')
      return route.fulfill({
        json: {
          signIn: {
            issuerBaseUrl: domain,
            issuer: `https://cognito-idp.${REGION}.amazonaws.com/${POOL_ID}`,
            clientId: CLIENT_ID,
            redirectUri: client.CallbackURLs[0],
            scopes: client.AllowedOAuthScopes,
          },
        },
      });
    if (url.pathname.startsWith('/v1/')) {
      const signedIn = route.request().headers().authorization === `Bearer ${idToken()}`;
      if (!signedIn)
        return route.fulfill({ status: 401, json: { error: { code: 'unauthorized', message: '未登录' } } });
      if (url.pathname === '/v1/me')
        return route.fulfill({
          json: {
            sub: 'wang@xihua',
            admin: false,
            agencies: [{ agencyId: 'xihua-county', name: '西华县人民政府办公室', head: false }],
          },
        });
      return route.fulfill({ json: { cases: [] } });
    }
    const file = path.join(DIST, url.pathname === '/' ? 'index.html' : url.pathname);
    return route.fulfill({
      body: readFileSync(file),
      contentType: CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      headers: { 'content-security-policy': csp },
    });
  });
}

describe('console sign-in through the Cognito hosted UI', () => {
  it('redirects with code + PKCE to the synthesised client, exchanges the code, keeps the token in memory, signs out', async () => {
    // Arrange
    expect(client.AllowedOAuthFlows).toEqual(['code']);
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const problems = watchPageProblems(page);
    const now = Math.floor(Date.now() / 1000);
    const idToken = [
      base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'k1' })),
      base64url(
        JSON.stringify({
          sub: 'wang',
          iss: `https://cognito-idp.${REGION}.amazonaws.com/${POOL_ID}`,
          aud: CLIENT_ID,
          token_use: 'id',
          iat: now,
          exp: now + 3600,
          'cognito:groups': ['xihua-county'],
        }),
      ),
      base64url('signature-not-checked-by-the-browser'),
    ].join('.');
    await serveConsole(page, () => idToken);
    let authorize: URL | undefined;
    let tokenRequest: URLSearchParams | undefined;
    let signedOut: URL | undefined;
    await page.route(`${domain}/**`, async (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === '/oauth2/authorize') {
        authorize = url;
        const back = new URL(url.searchParams.get('redirect_uri') ?? '');
        back.searchParams.set('code', 'the-authorization-code');
        back.searchParams.set('state', url.searchParams.get('state') ?? '');
        return route.fulfill({ status: 302, headers: { location: back.href } });
      }
      if (url.pathname === '/oauth2/token') {
        tokenRequest = new URLSearchParams(route.request().postData() ?? '');
        return route.fulfill({
          json: { id_token: idToken, access_token: 'access', token_type: 'Bearer', expires_in: 3600 },
          headers: { 'access-control-allow-origin': '*' },
        });
      }
      if (url.pathname === '/logout') {
        signedOut = url;
        return route.fulfill({ status: 200, contentType: 'text/html', body: '<p>signed out</p>' });
      }
      return route.abort();
    });

    // Act: open the console and press 登录.
    await page.goto(client.CallbackURLs[0] ?? '');
    await page.locator('#hosted-sign-in').click();
    await page.getByText('wang@xihua').waitFor();

    // Assert: the authorize URL is the one the synthesised client accepts.
    expect(authorize?.origin).toBe(domain);
    const params = authorize?.searchParams;
    expect(params?.get('response_type')).toBe('code');
    expect(params?.get('client_id')).toBe(CLIENT_ID);
    expect(client.CallbackURLs).toContain(params?.get('redirect_uri'));
    expect((params?.get('scope') ?? '').split(' ').every((s) => client.AllowedOAuthScopes.includes(s))).toBe(true);
    expect(params?.get('code_challenge_method')).toBe('S256');
    expect(params?.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params?.get('state')?.length).toBeGreaterThanOrEqual(32);
    // The code is exchanged with the verifier whose SHA-256 is the challenge.
    expect(tokenRequest?.get('grant_type')).toBe('authorization_code');
    expect(tokenRequest?.get('code')).toBe('the-authorization-code');
    expect(tokenRequest?.get('client_id')).toBe(CLIENT_ID);
    const verifier = tokenRequest?.get('code_verifier') ?? '';
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(params?.get('code_challenge'));
    // The token lives in memory: nothing in web storage, and the address bar no longer shows the code.
    const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }));
    expect(stored).not.toContain(idToken);
    expect(stored).not.toContain('the-authorization-code');
    expect(page.url()).not.toContain('code=');

    // Act: sign out.
    await page.getByRole('button', { name: '退出' }).click();
    await page.getByText('signed out').waitFor();

    // Assert
    expect(signedOut?.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(client.LogoutURLs).toContain(signedOut?.searchParams.get('logout_uri'));
    expect(problems).toEqual([]);
    await context.close();
  });
});
