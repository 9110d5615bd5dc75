import type { TestSystem } from './local-system';

import type { UploadTicket } from '../../functions/shared/case-file/attachments';

/** What announcing an upload answers (design.md §9 Attachments), as the server types it. */
export type { UploadTicket };

/**
 * Announces a file on an attachments route (staff with `token`, or the applicant's route with `?code=`) and PUTs
 * its bytes to the presigned URL, as a browser would; does not complete it. Fails the test on any other answer.
 */
export async function announceAndPut(
  t: TestSystem,
  route: string,
  body: Record<string, unknown>,
  bytes: Buffer,
  token?: string,
): Promise<UploadTicket> {
  const announced = await t.api<UploadTicket & { error?: unknown }>('POST', route, {
    body,
    ...(token ? { token } : {}),
  });
  expect({ status: announced.status, error: announced.body.error }).toEqual({ status: 201, error: undefined });
  const put = await fetch(announced.body.uploadUrl, {
    method: 'PUT',
    headers: announced.body.uploadHeaders,
    body: new Uint8Array(bytes),
  });
  expect(put.status).toBe(200);
  return announced.body;
}
