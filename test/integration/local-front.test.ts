import { connect } from 'node:net';
import { API_ROUTES } from '../../lib/api-routes';
import { prng } from '../../bench/prng';
import { referenceYearData } from '../unit/annual-report-fixtures';
import { sampleApplication, startTestSystem, type TestSystem } from '../support/local-system';

/**
 * Issue #10, acceptance 4: the local front (local/http-front.ts) and the local endpoints answer every bad
 * request with a 4xx in the error contract — and a fuzz of more than 10,000 requests across every route
 * gets no 5xx and no connection reset. Requests go over a raw TCP socket, so methods, paths and bodies
 * reach the server exactly as written (fetch would normalise them).
 */

interface RawAnswer {
  status: number;
  headers: string;
  body: string;
}

/** Sends one HTTP/1.1 request as raw bytes and reads the answer to the end (Connection: close). */
function rawRequest(
  baseUrl: string,
  request: { method: string; target: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  const body = typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : request.body;
  const head =
    `${request.method} ${request.target} HTTP/1.1\r\nhost: ${hostname}:${port}\r\nconnection: close\r\n` +
    Object.entries({ ...(body ? { 'content-length': String(body.length) } : {}), ...request.headers })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('') +
    '\r\n';
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
      if (!match) {
        reject(new Error(`no HTTP answer to ${request.method} ${request.target.slice(0, 80)}: ${text.slice(0, 80)}`));
        return;
      }
      const split = text.indexOf('\r\n\r\n');
      const headers = text.slice(0, split);
      let body = text.slice(split + 4);
      if (/^transfer-encoding: *chunked/im.test(headers)) {
        // Good enough for these JSON answers: drop the chunk-size lines.
        body = body.replace(/(^|\r\n)[0-9a-f]+\r\n/gi, '$1').replace(/\r\n/g, '');
      }
      resolve({ status: Number(match[1]), headers, body });
    });
    socket.write(head);
    if (body) socket.write(body);
  });
}

const errorCode = (answer: RawAnswer): string | undefined => {
  try {
    return (JSON.parse(answer.body) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
};

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem({ virtualClock: '2024-10-23T10:00:00+08:00' });
}, 120_000);
afterAll(() => t?.stop());

describe('the local front answers bad requests with 4xx', () => {
  it.each([['/v1/cases/%E0%A4%A'], ['/v1/requests/%zz'], ['/v1/requests/%ff/supplement'], ['/%E0%A4%A']])(
    'answers a malformed percent-encoding in %s with 400',
    async (target) => {
      const answer = await rawRequest(t.baseUrl, {
        method: 'GET',
        target,
        headers: { authorization: `Bearer ${t.tokens['niedui-town']}` },
      });
      expect(answer.status).toBe(400);
      expect(errorCode(answer)).toBe('bad_request');
    },
  );

  it.each([[300 * 1024], [5 * 1024 * 1024]])(
    'answers a body of %d bytes with 413 and no reset',
    async (size) => {
      const answer = await rawRequest(t.baseUrl, {
        method: 'POST',
        target: '/v1/requests',
        headers: { 'content-type': 'application/json' },
        body: `{"pad":"${'x'.repeat(size)}"}`,
      });
      expect(answer.status).toBe(413);
      expect(errorCode(answer)).toBe('payload_too_large');
    },
    60_000,
  );

  it('answers over-long ids with 404', async () => {
    const longId = 'a'.repeat(2048);
    const token = t.tokens['niedui-town'];
    const caseAnswer = await t.api('GET', `/v1/cases/${longId}`, { token });
    const receiptAnswer = await t.api('GET', `/v1/requests/${'NDZ-2024-'.padEnd(200, '9')}?code=x`);
    const agencyAnswer = await t.api('GET', `/v1/agencies/${longId}/reports/2024`);
    expect([caseAnswer.status, receiptAnswer.status, agencyAnswer.status]).toEqual([404, 404, 404]);
  });

  it.each([
    ['activeDisclosure.licensingDecisions', '1e21'],
    ['activeDisclosure.penaltyDecisions', '1.79e308'],
    ['activeDisclosure.feesCollectedTenThousandYuan', '1.79e308'],
    ['reviewAndLitigation.review.total', '9007199254740993'],
  ])('answers year data with %s = %s with 400 naming the field', async (path, literal) => {
    // Arrange: the JSON number literal written as is (beyond what JavaScript or DynamoDB hold exactly).
    const data = referenceYearData() as unknown as Record<string, Record<string, unknown>>;
    const keys = path.split('.');
    let holder: Record<string, unknown> = data;
    for (const key of keys.slice(0, -1)) holder = holder[key] as Record<string, unknown>;
    holder[keys.at(-1) as string] = '__NUMBER__';
    const raw = JSON.stringify(data).replace('"__NUMBER__"', literal);
    // Act
    const answer = await t.api<{ error: { code: string; fields: { path: string; message: string }[] } }>(
      'PUT',
      '/v1/agencies/niedui-town/years/2024',
      { raw, token: t.tokens['niedui-town'] },
    );
    // Assert
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields).toEqual([{ path, message: expect.stringMatching(/[\u4e00-\u9fff]/) }]);
  });

  it('requires the administrator token on /_local/ routes', async () => {
    const none = await t.api('GET', '/_local/emails');
    const officer = await t.api('GET', '/_local/emails', { token: t.tokens['niedui-town'] });
    const clock = await t.api('PUT', '/_local/clock', { body: { now: '2030-01-01T00:00:00Z' } });
    const admin = await t.api('GET', '/_local/clock', { token: t.adminToken });
    expect([none.status, officer.status, clock.status, admin.status]).toEqual([401, 403, 401, 200]);
    expect((admin.body as { now: string }).now).toBe('2024-10-23T02:00:00.000Z');
  });

  it('answers malformed requests to the local Step Functions endpoint with 400 in the AWS error shape, and keeps serving', async () => {
    const send = (body: string, target = 'AWSStepFunctions.StartExecution') =>
      fetch(t.system.urls.sfn, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': target },
        body,
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { __type: string } }));
    const answers = await Promise.all([
      send('{'),
      send('[]'),
      send('null'),
      send(JSON.stringify({ stateMachineArn: t.system.timelineArn, name: 'x', input: '{' })),
      send(JSON.stringify({ stateMachineArn: t.system.timelineArn, name: 'bad name!' })),
      send(JSON.stringify({ stateMachineArn: 42 })),
      send('{}', 'AWSStepFunctions.DescribeExecution'),
      send('{}', 'AWSStepFunctions.Nonsense'),
    ]);
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400, 400, 400, 400, 400]);
    expect(answers.map((a) => a.body.__type)).toEqual([
      'SerializationException',
      'SerializationException',
      'SerializationException',
      'InvalidExecutionInput',
      'InvalidName',
      'StateMachineDoesNotExist',
      'ExecutionDoesNotExist',
      'UnknownOperationException',
    ]);
    const stillServing = await send(JSON.stringify({ stateMachineArn: t.system.timelineArn }), 'x.ListExecutions');
    expect(stillServing.status).toBe(200);
  });
});

describe('fuzz of the local front', () => {
  it('answers 10,000 odd requests across every route without a 5xx or a reset', async () => {
    // Arrange: a seeded generator, so a failure replays.
    const random = prng(20241023);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const token = () =>
      pick([undefined, t.tokens['niedui-town'], t.tokens['xihua-county'], t.adminToken, 'forged', '\u00ff'.repeat(3)]);
    const oddId = () =>
      pick([
        'niedui-town',
        '00000000-0000-0000-0000-000000000000',
        'NDZ-2024-000001',
        'x'.repeat(1 + Math.floor(random() * 5000)),
        '%E0%A4%A',
        '%zz',
        '%00',
        '..%2F..%2Fetc%2Fpasswd',
        '%F0%A0%80%80',
        encodeURIComponent('张三'),
        '2024',
        '1e21',
        '-1',
        '',
      ]);
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
    const oddBody = (): string | undefined =>
      pick<() => string | undefined>([
        () => undefined,
        () => '',
        () => '{',
        () => 'null',
        () => '[]',
        () => '"text"',
        () => deep(1 + Math.floor(random() * 20000)),
        () => `{"a":${deep(5000)}}`,
        () => JSON.stringify(sampleApplication()),
        () => JSON.stringify(sampleApplication({ agencyId: oddId() })),
        () =>
          JSON.stringify(
            sampleApplication({ applicant: { name: pick(['\u0000', '\u200b', '\ud800', '\u001b[2J', '𠀀']) } }),
          ),
        () =>
          JSON.stringify({ type: pick(['reply', 'extend', 'nonsense']), expectedVersion: pick([1, 1e21, -1, 'x']) }),
        () => JSON.stringify(referenceYearData()).replace('69', pick(['1e21', '1.79e308', '-0', '0.5', '"69"'])),
        () => JSON.stringify({ now: pick(['2024-10-24T00:00:00Z', 'yesterday', 1e21]) }),
        () => '\u0000\u0001\u0002'.repeat(100),
        () => 'x'.repeat(pick([10, 1000, 300 * 1024])),
      ])();
    const targets = [
      ...API_ROUTES.map((r) => r.resource),
      '/_local/emails',
      '/_local/clock',
      '/_local/stats',
      '/_local/nothing',
      '/',
      '/index.html',
      '/../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/v2/whatever',
    ];
    const methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND', 'FOO', 'G E T'];
    const requests = Array.from({ length: 10_000 }, () => {
      const target =
        pick(targets).replace(/\{\w+\}/g, oddId) +
        pick(['', '?code=abc', '?agencyId=niedui-town&status=open', '?%zz=%zz', `?q=${'q'.repeat(3000)}`, '?a=1&a=2']);
      const bearer = token();
      return {
        method: pick(methods),
        target,
        headers: {
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
          'content-type': pick(['application/json', 'text/plain', 'application/json; charset=gbk', '']),
        },
        body: oddBody(),
      };
    });

    // Act: 16 at a time.
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const request = requests[next++] as (typeof requests)[number];
        try {
          const answer = await rawRequest(t.baseUrl, request);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          if (answer.status >= 500)
            failures.push(
              `${answer.status} ${request.method} ${request.target.slice(0, 100)}: ${answer.body.slice(0, 200)}`,
            );
        } catch (error) {
          failures.push(`${String(error)} ${request.method} ${request.target.slice(0, 100)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));

    // Assert
    expect(failures).toEqual([]);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(10_000);
    expect([...statuses.keys()].every((status) => status >= 200 && status < 500)).toBe(true);
  }, 600_000);
});
