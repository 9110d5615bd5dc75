/**
 * The HTTP API of design.md §5, defined once: the CDK API construct creates these routes on API Gateway
 * and the local HTTP front dispatches the same routes to the same handlers.
 */
/**
 * Who may call a route: anyone; signed-in staff (the handler then checks the agency, design.md §9 Roles);
 * anyone, with more for staff; or an administrator (signed in like staff, the handler answers 403 to others).
 */
export type RouteAccess = 'public' | 'staff' | 'public-or-staff' | 'admin';
/** Whether API Gateway (or the local front) runs the staff authoriser on a route of this access. */
export const needsSignIn = (access: RouteAccess): boolean => access === 'staff' || access === 'admin';
export type ApiFunction = 'intake' | 'cases' | 'annual-report' | 'admin';

export interface ApiRoute {
  method: 'GET' | 'POST' | 'PUT';
  /** API Gateway resource path with `{param}` placeholders. */
  resource: string;
  fn: ApiFunction;
  access: RouteAccess;
}

export const API_ROUTES: readonly ApiRoute[] = [
  { method: 'POST', resource: '/v1/requests', fn: 'intake', access: 'public' },
  { method: 'GET', resource: '/v1/agencies', fn: 'intake', access: 'public' },
  { method: 'GET', resource: '/v1/requests/{receiptNumber}', fn: 'intake', access: 'public' },
  { method: 'POST', resource: '/v1/requests/{receiptNumber}/supplement', fn: 'intake', access: 'public' },
  // The applicant's case file (design.md §9), with the tracking code.
  { method: 'GET', resource: '/v1/requests/{receiptNumber}/documents', fn: 'intake', access: 'public' },
  { method: 'GET', resource: '/v1/requests/{receiptNumber}/documents/{documentId}', fn: 'intake', access: 'public' },
  { method: 'POST', resource: '/v1/requests/{receiptNumber}/attachments', fn: 'intake', access: 'public' },
  { method: 'GET', resource: '/v1/requests/{receiptNumber}/attachments', fn: 'intake', access: 'public' },
  {
    method: 'GET',
    resource: '/v1/requests/{receiptNumber}/attachments/{attachmentId}',
    fn: 'intake',
    access: 'public',
  },
  {
    method: 'POST',
    resource: '/v1/requests/{receiptNumber}/attachments/{attachmentId}/complete',
    fn: 'intake',
    access: 'public',
  },
  { method: 'POST', resource: '/v1/cases', fn: 'cases', access: 'staff' },
  { method: 'GET', resource: '/v1/cases', fn: 'cases', access: 'staff' },
  { method: 'GET', resource: '/v1/cases/{caseId}', fn: 'cases', access: 'staff' },
  { method: 'POST', resource: '/v1/cases/{caseId}/actions', fn: 'cases', access: 'staff' },
  // The case file (design.md §9): documents and attachments.
  { method: 'GET', resource: '/v1/cases/{caseId}/documents', fn: 'cases', access: 'staff' },
  { method: 'GET', resource: '/v1/cases/{caseId}/documents/{documentId}', fn: 'cases', access: 'staff' },
  { method: 'POST', resource: '/v1/cases/{caseId}/attachments', fn: 'cases', access: 'staff' },
  { method: 'GET', resource: '/v1/cases/{caseId}/attachments', fn: 'cases', access: 'staff' },
  { method: 'GET', resource: '/v1/cases/{caseId}/attachments/{attachmentId}', fn: 'cases', access: 'staff' },
  {
    method: 'POST',
    resource: '/v1/cases/{caseId}/attachments/{attachmentId}/complete',
    fn: 'cases',
    access: 'staff',
  },
  // Appeals (复议诉讼) of a case, each its own item (design.md §9 "The desk: Appeals").
  { method: 'GET', resource: '/v1/cases/{caseId}/appeals', fn: 'cases', access: 'staff' },
  { method: 'POST', resource: '/v1/cases/{caseId}/appeals', fn: 'cases', access: 'staff' },
  { method: 'POST', resource: '/v1/cases/{caseId}/appeals/{appealId}/result', fn: 'cases', access: 'staff' },
  { method: 'POST', resource: '/v1/cases/{caseId}/appeals/{appealId}/correction', fn: 'cases', access: 'staff' },
  { method: 'GET', resource: '/v1/me', fn: 'cases', access: 'staff' },
  { method: 'GET', resource: '/v1/agencies/{agencyId}/receipt-voids', fn: 'cases', access: 'staff' },
  { method: 'GET', resource: '/v1/agencies/{agencyId}/years/{year}', fn: 'annual-report', access: 'staff' },
  { method: 'PUT', resource: '/v1/agencies/{agencyId}/years/{year}', fn: 'annual-report', access: 'staff' },
  { method: 'POST', resource: '/v1/agencies/{agencyId}/reports/{year}', fn: 'annual-report', access: 'staff' },
  { method: 'POST', resource: '/v1/agencies/{agencyId}/reports/{year}/publish', fn: 'annual-report', access: 'staff' },
  // prettier-ignore
  { method: 'POST', resource: '/v1/agencies/{agencyId}/reports/{year}/corrections', fn: 'annual-report', access: 'staff' },
  {
    method: 'GET',
    resource: '/v1/agencies/{agencyId}/reports/{year}/revisions',
    fn: 'annual-report',
    access: 'public-or-staff',
  },
  { method: 'GET', resource: '/v1/agencies/{agencyId}/reports/{year}', fn: 'annual-report', access: 'public-or-staff' },
  { method: 'GET', resource: '/v1/reports', fn: 'annual-report', access: 'public' },
  { method: 'GET', resource: '/v1/rollups/{year}', fn: 'annual-report', access: 'staff' },
  { method: 'GET', resource: '/v1/admin/agencies', fn: 'admin', access: 'admin' },
  { method: 'PUT', resource: '/v1/admin/agencies/{agencyId}', fn: 'admin', access: 'admin' },
  { method: 'GET', resource: '/v1/admin/calendars', fn: 'admin', access: 'admin' },
  { method: 'PUT', resource: '/v1/admin/calendars/{year}', fn: 'admin', access: 'admin' },
  { method: 'GET', resource: '/v1/admin/calendars/{year}/recompute', fn: 'admin', access: 'admin' },
];

export const API_FUNCTION_ENTRIES: Record<ApiFunction, string> = {
  intake: 'functions/intake/handler.ts',
  cases: 'functions/cases/handler.ts',
  'annual-report': 'functions/annual-report/handler.ts',
  admin: 'functions/admin/handler.ts',
};

/** Matches a concrete path against a resource template; returns the path parameters or undefined. */
export function matchResource(resource: string, path: string): Record<string, string> | undefined {
  const names: string[] = [];
  const pattern = resource.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const match = new RegExp(`^${pattern}/?$`).exec(path);
  if (!match) return undefined;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]));
}
