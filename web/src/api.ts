/**
 * Calls to the gongkai HTTP API (design.md §5) on the same origin. Every failure comes back as the
 * API's error shape, with a Chinese message even when the network or the server itself failed.
 */
import type { FieldError } from '../../functions/shared/http/validation';

export interface ApiError {
  code: string;
  message: string;
  fields?: FieldError[];
  /** The article a refused action would break (422 `rule_violation`). */
  rule?: string;
  /** The case's version now (409 `version_conflict`). */
  currentVersion?: number;
  /** The check relations that failed (422 `report_not_publishable`). */
  failedChecks?: Array<{ name: string; relation: string; details: string }>;
}

export type ApiResult<T> = { ok: true; status: number; body: T } | { ok: false; status: number; error: ApiError };

export interface CallOptions {
  body?: unknown;
  /** Staff bearer token (the Cognito ID token in AWS). */
  token?: string;
}

function isApiError(value: unknown): value is { error: ApiError } {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';
}

/** Sends a JSON request and reads a JSON answer. */
export async function callApi<T>(method: string, path: string, options: CallOptions = {}): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, status: 0, error: { code: 'network', message: '无法连接服务器，请检查网络后重试' } };
  }
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (response.ok) return { ok: true, status: response.status, body: parsed as T };
  if (isApiError(parsed)) return { ok: false, status: response.status, error: parsed.error };
  return {
    ok: false,
    status: response.status,
    error: {
      code: `http_${response.status}`,
      message: `服务器暂时无法处理请求（HTTP ${response.status}），请稍后重试`,
    },
  };
}

/** Fetches a non-JSON resource (a report in HTML, Markdown or docx) with the staff token. */
export async function fetchRaw(path: string, token?: string): Promise<{ ok: boolean; status: number; blob: Blob }> {
  try {
    const response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { ok: response.ok, status: response.status, blob: await response.blob() };
  } catch {
    return { ok: false, status: 0, blob: new Blob([]) };
  }
}

/** Path segment encoding for ids and receipt numbers taken from the page. */
export const segment = (value: string | number): string => encodeURIComponent(String(value));
