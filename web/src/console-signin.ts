/**
 * Staff sign-in in AWS (issue 15): the Cognito hosted UI with the authorization code grant and PKCE (S256), through
 * oauth4webapi. The deployment's `config.json` says where to sign in; without it (the local system) the console
 * asks for a pasted token instead. The ID token is kept in memory only: a reload signs in again (the hosted UI's
 * own session makes that one redirect). Only the PKCE verifier and the state survive the redirect, in sessionStorage,
 * and are removed as soon as the code is exchanged.
 */
import * as oauth from 'oauth4webapi';

/** `config.json` as the stack writes it (lib/constructs/web.ts `WebConfig`). */
export interface SignInConfig {
  issuerBaseUrl: string;
  issuer: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
}

const PENDING_KEY = 'gongkai.signIn.pending';

/** The deployment's sign-in settings, or undefined in local mode (no `config.json`). */
export async function loadSignInConfig(): Promise<SignInConfig | undefined> {
  try {
    const response = await fetch('config.json', { cache: 'no-store' });
    if (!response.ok) return undefined;
    const config = (await response.json()) as { signIn?: SignInConfig };
    return config.signIn;
  } catch {
    return undefined;
  }
}

const authorizationServer = (config: SignInConfig): oauth.AuthorizationServer => ({
  issuer: config.issuer,
  authorization_endpoint: `${config.issuerBaseUrl}/oauth2/authorize`,
  token_endpoint: `${config.issuerBaseUrl}/oauth2/token`,
  end_session_endpoint: `${config.issuerBaseUrl}/logout`,
});

/** The hosted UI's authorize URL with a fresh PKCE verifier and state (kept for the return). */
export async function authorizeUrl(config: SignInConfig): Promise<URL> {
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state }));
  const url = new URL(authorizationServer(config).authorization_endpoint ?? '');
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', config.redirectUri);
  url.searchParams.set('scope', config.scopes.join(' '));
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', state);
  return url;
}

/**
 * On return from the hosted UI (`?code=…&state=…`): checks the state, exchanges the code with the PKCE verifier
 * and answers the ID token (the API's Cognito authoriser takes it). Undefined when the page is not such a return.
 */
export async function completeSignIn(config: SignInConfig, here: URL): Promise<string | undefined> {
  if (!here.searchParams.has('code') && !here.searchParams.has('error')) return undefined;
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as {
    verifier: string;
    state: string;
  } | null;
  sessionStorage.removeItem(PENDING_KEY);
  history.replaceState(null, '', `${here.pathname}${here.hash}`);
  if (!pending) throw new Error('登录已过期，请重新登录');
  const as = authorizationServer(config);
  const client: oauth.Client = { client_id: config.clientId };
  const params = oauth.validateAuthResponse(as, client, here, pending.state);
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    oauth.None(),
    params,
    config.redirectUri,
    pending.verifier,
  );
  const result = await oauth.processAuthorizationCodeResponse(as, client, response, { requireIdToken: true });
  if (!result.id_token) throw new Error('登录未返回身份令牌');
  return result.id_token;
}

/** The hosted UI's sign-out URL (ends its session and comes back to the console). */
export function signOutUrl(config: SignInConfig): URL {
  const url = new URL(`${config.issuerBaseUrl}/logout`);
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('logout_uri', config.redirectUri);
  return url;
}
