import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type * as z from 'zod/mini';
import { RuleViolationError, ruleViolationMessage } from '../domain/rule-violation';
import type { Agency, AgencyRepository } from '../store/agency-repository';
import { log } from '../log';
import { VersionConflictError } from '../store/case-repository';
import { validate, validateJsonBody, validationErrorBody, type FieldError, type FieldLabels } from './validation';

/**
 * The HTTP edge shared by the API handlers: typed errors mapped to status codes in one middleware,
 * JSON responses, body/query validation that throws, and the staff principal from the authoriser's claims.
 */

/** An error with its HTTP status; `code` and the Chinese `message` go to the client. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
export class ValidationFailedError extends HttpError {
  override name = 'ValidationFailedError';
  constructor(
    message: string,
    readonly fields: FieldError[],
  ) {
    super(400, 'validation_failed', message, { fields });
  }
}
export const notFound = (message: string) => new HttpError(404, 'not_found', message);
export const unauthorized = () => new HttpError(401, 'unauthorized', '未登录或登录凭证无效');
export const forbidden = () => new HttpError(403, 'forbidden', '无权访问其他机关的案件或数据');

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return { statusCode, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

const errorBody = (code: string, message: string, extra: Record<string, unknown> = {}) => ({
  error: { code, message, ...extra },
});

/** Maps an error to its response: typed errors to 4xx with their Chinese message, anything else to 500. */
export function errorResponse(error: unknown): APIGatewayProxyResult {
  if (error instanceof ValidationFailedError)
    return json(400, validationErrorBody({ message: error.message, fields: error.fields }));
  if (error instanceof HttpError) return json(error.statusCode, errorBody(error.code, error.message, error.extra));
  if (error instanceof VersionConflictError)
    return json(409, errorBody('version_conflict', error.message, { currentVersion: error.currentVersion }));
  if (error instanceof RuleViolationError)
    return json(
      422,
      errorBody('rule_violation', ruleViolationMessage(error), { rule: error.rule, violation: error.code }),
    );
  log.error('unhandled error', {
    error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error),
  });
  return json(500, errorBody('internal', '服务器内部错误，请稍后重试'));
}

/** The one middleware that turns thrown errors into API responses. */
export function apiErrors(): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  return {
    onError: async (request) => {
      request.response = errorResponse(request.error);
    },
  };
}

/** The request body, parsed and validated; a `ValidationFailedError` (400) naming each bad field otherwise. */
export function parseBody<S extends z.ZodMiniType>(
  schema: S,
  event: Pick<APIGatewayProxyEvent, 'body'>,
  labels?: FieldLabels,
): z.output<S> {
  const result = validateJsonBody(schema, event.body, labels);
  if (!result.ok) throw new ValidationFailedError(result.error.message, result.error.fields);
  return result.value;
}

/** Validates any other input (query string, path parameters). */
export function parseInput<S extends z.ZodMiniType>(schema: S, input: unknown, labels?: FieldLabels): z.output<S> {
  const result = validate(schema, input, labels);
  if (!result.ok) throw new ValidationFailedError(result.error.message, result.error.fields);
  return result.value;
}

/** The Cognito group of administrators (design.md §9 Roles): agencies, calendars and every agency's data. */
export const ADMIN_GROUP = 'gongkai-admin';
/** The Cognito group of the head of an agency's OGI office: `<agencyId>:head`. */
export const headGroup = (agencyId: string) => `${agencyId}:head`;

/**
 * A signed-in staff member with the roles of design.md §9, from their Cognito groups:
 * `<agencyId>` an officer of that agency; `<agencyId>:head` the head of its OGI office (sees what an officer
 * sees and approves extensions); `gongkai-admin` an administrator, who holds every role in every agency.
 */
export interface StaffPrincipal {
  sub: string;
  /** The agencies whose data the member may see (as officer or head); an administrator sees every agency. */
  agencies: ReadonlySet<string>;
  /** The agencies whose OGI office the member heads. */
  heads: ReadonlySet<string>;
  admin: boolean;
}

/** The staff principal of the given Cognito groups (`*`, the local administrator token's group, is an admin). */
export function principalOfGroups(sub: string, groups: readonly string[]): StaffPrincipal {
  const heads = groups.filter((g) => g.endsWith(':head')).map((g) => g.slice(0, -':head'.length));
  const officers = groups.filter((g) => g !== ADMIN_GROUP && g !== '*' && !g.includes(':'));
  return {
    sub,
    agencies: new Set([...officers, ...heads]),
    heads: new Set(heads),
    admin: groups.includes('*') || groups.includes(ADMIN_GROUP),
  };
}

/** The staff principal of a request, or undefined when it carries no valid sign-in. */
export function staffPrincipalOf(event: APIGatewayProxyEvent): StaffPrincipal | undefined {
  const claims = (event.requestContext?.authorizer as { claims?: Record<string, unknown> } | undefined)?.claims;
  if (!claims || typeof claims.sub !== 'string') return undefined;
  const raw = claims['cognito:groups'];
  const groups = (Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(/[,\s]+/))
    .map((g) => g.replace(/^\[|\]$/g, ''))
    .filter(Boolean);
  return principalOfGroups(claims.sub, groups);
}

/** The staff principal, or 401. */
export function requireStaff(event: APIGatewayProxyEvent): StaffPrincipal {
  const principal = staffPrincipalOf(event);
  if (!principal) throw unauthorized();
  return principal;
}

/** Whether the principal is an administrator (`gongkai-admin`). */
export const isAdmin = (principal: StaffPrincipal | undefined): boolean => !!principal?.admin;

/** Whether the principal may see the agency's data: an officer or the head of that agency, or an administrator. */
export const canSee = (principal: StaffPrincipal | undefined, agencyId: string): boolean =>
  !!principal && (principal.admin || principal.agencies.has(agencyId));

/** Whether the principal heads the agency's OGI office (approves its extensions); an administrator holds every role. */
export const isHead = (principal: StaffPrincipal | undefined, agencyId: string): boolean =>
  !!principal && (principal.admin || principal.heads.has(agencyId));

/** Whether the principal may see the agency's data (the older name of `canSee`). */
export const mayAccess = canSee;

/** 403 unless the principal may see the agency's data. */
export function assertAgencyAccess(principal: StaffPrincipal, agencyId: string): void {
  if (!canSee(principal, agencyId)) throw forbidden();
}

/** 403 unless the principal heads the agency's OGI office (or is an administrator). */
export function assertHead(principal: StaffPrincipal, agencyId: string): void {
  if (!isHead(principal, agencyId))
    throw new HttpError(403, 'forbidden', '仅本机关政府信息公开工作机构负责人可以执行该操作');
}

/** The staff principal of an administrator; 401 without sign-in, 403 for any other member of staff. */
export function requireAdmin(event: APIGatewayProxyEvent): StaffPrincipal {
  const principal = requireStaff(event);
  if (!principal.admin) throw new HttpError(403, 'forbidden', '仅系统管理员可以执行该操作');
  return principal;
}

/** A path parameter (API Gateway guarantees the route's parameters exist). */
export function pathParam(event: APIGatewayProxyEvent, name: string): string {
  const value = event.pathParameters?.[name];
  if (!value) throw notFound('找不到该资源');
  return value;
}

/** gongkai's bodies are small; anything over this is refused before parsing (413). */
export const MAX_BODY_BYTES = 64 * 1024;

/** Refuses oversized bodies with 413 before any parsing. */
export function bodyLimit(maxBytes = MAX_BODY_BYTES): MiddlewareObj<APIGatewayProxyEvent, APIGatewayProxyResult> {
  return {
    before: async (request) => {
      const body = request.event.body;
      if (body && Buffer.byteLength(body, 'utf8') > maxBytes) {
        throw new HttpError(413, 'payload_too_large', `请求内容过大（不得超过${Math.round(maxBytes / 1024)}KB）`);
      }
    },
  };
}

/** The route of a request in a handler's table keyed `METHOD /resource` (404 when it has none). */
export function routeOf<T>(
  routes: Readonly<Record<string, T>>,
  event: Pick<APIGatewayProxyEvent, 'httpMethod' | 'resource'>,
): T {
  const route = routes[`${event.httpMethod} ${event.resource}`];
  if (!route) throw notFound('找不到该资源');
  return route;
}

/** The agency a stored case or a path names (404 when unknown). */
export async function existingAgency(agencies: Pick<AgencyRepository, 'get'>, agencyId: string): Promise<Agency> {
  const agency = await agencies.get(agencyId);
  if (!agency) throw notFound('机构不存在');
  return agency;
}

/** The agency a request body names (400 on `agencyId` when unknown: the client's mistake, not a missing resource). */
export async function agencyNamedInBody(agencies: Pick<AgencyRepository, 'get'>, agencyId: string): Promise<Agency> {
  const agency = await agencies.get(agencyId);
  if (!agency)
    throw new ValidationFailedError('受理机关不存在（共1处）', [{ path: 'agencyId', message: '受理机关不存在' }]);
  return agency;
}

let staffTokenVerifier: CognitoIdTokenVerifier | undefined;
type CognitoIdTokenVerifier = { verify(token: string): Promise<Record<string, unknown>> };

/**
 * The staff principal of a route open to the public and to staff (a published report, or the agency's draft).
 * API Gateway runs no authoriser on such a route, so in AWS the Cognito ID token of an `Authorization` header
 * is verified here (signature, expiry, audience); locally the HTTP front has already checked it. A token that
 * does not verify answers 401, never silently public.
 */
export async function optionalStaffPrincipal(event: APIGatewayProxyEvent): Promise<StaffPrincipal | undefined> {
  const fromAuthoriser = staffPrincipalOf(event);
  if (fromAuthoriser) return fromAuthoriser;
  const header = event.headers?.Authorization ?? event.headers?.authorization;
  const token = /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1];
  const userPoolId = process.env.STAFF_USER_POOL_ID;
  const clientId = process.env.STAFF_USER_POOL_CLIENT_ID;
  if (!token || !userPoolId || !clientId) return undefined;
  if (!staffTokenVerifier) {
    const { CognitoJwtVerifier } = await import('aws-jwt-verify');
    staffTokenVerifier = CognitoJwtVerifier.create({
      userPoolId,
      tokenUse: 'id',
      clientId,
    }) as unknown as CognitoIdTokenVerifier;
  }
  try {
    const payload = await staffTokenVerifier.verify(token);
    return staffPrincipalOf({
      ...event,
      requestContext: {
        ...event.requestContext,
        authorizer: { claims: { ...payload, 'cognito:groups': payload['cognito:groups'] ?? [] } },
      },
    });
  } catch {
    throw unauthorized();
  }
}
