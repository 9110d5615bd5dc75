/**
 * The staff console's session: the bearer token (a pasted local token kept in sessionStorage, so it ends with the
 * tab; a Cognito token in memory only),
 * who it belongs to (`GET /v1/me`), the agency being worked on, and a typed API call that carries
 * the token. In AWS the Cognito sign-in provides the token; locally `gongkai start` prints one.
 */
import { CASE_LIST_STATUS_LABELS } from '../../functions/cases/schema';
import { callApi, type ApiResult, type CallOptions } from './api';
import type { Agency } from './application';

export interface Me {
  sub: string;
  /** The agencies the person works for; `head`: they head its OGI office (design.md §9 roles). */
  agencies: (Agency & { head?: boolean })[];
  admin: boolean;
}

export interface Session {
  token: string;
  me: Me;
  /** The agencies this person may choose from (for an administrator: every agency). */
  agencies: Agency[];
  agencyId: string;
  call<T>(method: string, path: string, options?: Omit<CallOptions, 'token'>): Promise<ApiResult<T>>;
}

const TOKEN_KEY = 'gongkai.staffToken';
const AGENCY_KEY = 'gongkai.agencyId';

export const storedToken = (): string | null => sessionStorage.getItem(TOKEN_KEY);
export const forgetToken = (): void => {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(AGENCY_KEY);
};

export function chooseAgency(session: Session, agencyId: string): void {
  if (!session.agencies.some((a) => a.agencyId === agencyId)) return;
  session.agencyId = agencyId;
  sessionStorage.setItem(AGENCY_KEY, agencyId);
}

/**
 * Checks a token against `GET /v1/me` and opens a session with it. A pasted local token is remembered for the tab
 * (sessionStorage, stored only when valid); a Cognito ID token (`remember: false`) is kept in memory only.
 */
export async function openSession(
  token: string,
  options: { remember?: boolean } = {},
): Promise<{ ok: true; session: Session } | { ok: false; message: string }> {
  const me = await callApi<Me>('GET', '/v1/me', { token });
  if (!me.ok) return { ok: false, message: me.status === 401 ? '访问令牌无效或已过期，请重新输入' : me.error.message };
  let agencies = me.body.agencies ?? [];
  if (me.body.admin || agencies.length === 0) {
    const all = await callApi<Agency[]>('GET', '/v1/agencies');
    if (all.ok && (me.body.admin || agencies.length === 0)) agencies = me.body.admin ? all.body : agencies;
  }
  if (options.remember ?? true) sessionStorage.setItem(TOKEN_KEY, token);
  const stored = sessionStorage.getItem(AGENCY_KEY);
  const agencyId = agencies.find((a) => a.agencyId === stored)?.agencyId ?? agencies[0]?.agencyId ?? '';
  return {
    ok: true,
    session: {
      token,
      me: me.body,
      agencies,
      agencyId,
      call: (method, path, options = {}) => callApi(method, path, { ...options, token }),
    },
  };
}

/** The year whose annual report is due now: the previous calendar year (reports come out in January). */
export function reportYear(today: string): number {
  return Number(today.slice(0, 4)) - 1;
}

/** The Chinese label of a case status (work-list statuses; anything else shown as is). */
export const caseStatusLabel = (status: string): string =>
  (({ ...CASE_LIST_STATUS_LABELS, awaiting_reply: '办理中' }) as Record<string, string>)[status] ?? status;
