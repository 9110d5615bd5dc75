import type { APIGatewayProxyEvent } from 'aws-lambda';
import { HttpError, optionalStaffPrincipal } from '../../functions/shared/http/api';

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
