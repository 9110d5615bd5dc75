import type { APIGatewayProxyEvent } from 'aws-lambda';
import {
  assertHead,
  canSee,
  HttpError,
  isAdmin,
  isHead,
  optionalStaffPrincipal,
  requireAdmin,
  staffPrincipalOf,
} from '../../functions/shared/http/api';

const event = (headers: Record<string, string>, claims?: Record<string, unknown>) =>
  ({ headers, requestContext: { authorizer: claims ? { claims } : undefined } }) as unknown as APIGatewayProxyEvent;

describe('the staff principal of a public-or-staff route', () => {
  const saved = { ...process.env };
  beforeEach(() => {
    process.env.STAFF_USER_POOL_ID = 'us-east-1_abcdefghi';
    process.env.STAFF_USER_POOL_CLIENT_ID = 'client123';
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it('is nobody when the request carries no token (the public)', async () => {
    await expect(optionalStaffPrincipal(event({}))).resolves.toBeUndefined();
  });

  it('comes from the authoriser claims when API Gateway (or the local front) checked the token', async () => {
    const principal = await optionalStaffPrincipal(event({}, { sub: 'u1', 'cognito:groups': 'niedui-town' }));
    expect(principal?.agencies.has('niedui-town')).toBe(true);
    expect(principal?.admin).toBe(false);
  });

  it('answers 401 for a token that is not a valid Cognito ID token, never treating the caller as public', async () => {
    await expect(optionalStaffPrincipal(event({ Authorization: 'Bearer not-a-jwt' }))).rejects.toMatchObject({
      statusCode: 401,
    });
    await expect(optionalStaffPrincipal(event({ Authorization: 'Bearer not-a-jwt' }))).rejects.toBeInstanceOf(
      HttpError,
    );
  });
});

describe('the roles of design.md §9, from Cognito groups', () => {
  const principal = (groups: string) => staffPrincipalOf(event({}, { sub: 'u', 'cognito:groups': groups }));

  it.each([
    // groups, agency, canSee, isHead, isAdmin
    ['niedui-town', 'niedui-town', true, false, false],
    ['niedui-town', 'xihua-county', false, false, false],
    ['niedui-town:head', 'niedui-town', true, true, false],
    ['niedui-town:head', 'xihua-county', false, false, false],
    ['niedui-town,xihua-county:head', 'xihua-county', true, true, false],
    ['gongkai-admin', 'any-agency', true, true, true],
    ['[gongkai-admin niedui-town]', 'niedui-town', true, true, true],
  ])('groups %s on %s: sees %s, heads %s, admin %s', (groups, agencyId, sees, heads, admin) => {
    const p = principal(groups);
    expect(canSee(p, agencyId)).toBe(sees);
    expect(isHead(p, agencyId)).toBe(heads);
    expect(isAdmin(p)).toBe(admin);
  });

  it('reads the groups of a verified ID token given as an array', () => {
    const p = staffPrincipalOf(event({}, { sub: 'u', 'cognito:groups': ['xihua-county:head'] }));
    expect(p && isHead(p, 'xihua-county')).toBe(true);
    expect(p?.agencies.has('xihua-county')).toBe(true);
  });

  it('answers 403 to an officer on an admin route and to an officer approving as head', () => {
    const officer = {
      headers: {},
      requestContext: { authorizer: { claims: { sub: 'u', 'cognito:groups': 'niedui-town' } } },
    };
    expect(() => requireAdmin(officer as unknown as APIGatewayProxyEvent)).toThrow(
      expect.objectContaining({ statusCode: 403 }) as unknown as Error,
    );
    expect(() => assertHead(principal('niedui-town')!, 'niedui-town')).toThrow(
      expect.objectContaining({ statusCode: 403 }) as unknown as Error,
    );
    expect(() => requireAdmin({ headers: {}, requestContext: {} } as unknown as APIGatewayProxyEvent)).toThrow(
      expect.objectContaining({ statusCode: 401 }) as unknown as Error,
    );
  });
});
