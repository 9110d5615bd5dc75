import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { API_FUNCTION_ENTRIES, API_ROUTES, matchResource, needsSignIn } from '../lib/api-routes';
import type { BackgroundLane } from './background-lane';
import type { LocalClock } from './clock';
import { loadHandler } from './template';

/** What a valid staff token stands for: its Cognito groups (design.md §9 Roles). */
export interface StaffClaims {
  sub: string;
  groups: string[];
}

export interface HttpFrontOptions {
  port: number;
  webDir: string;
  clock: LocalClock;
  authenticate: (token: string) => StaffClaims | undefined;
  /**
   * Origins the pages may also connect to besides their own: the case-files bucket, which the browser uploads to
   * and downloads from through presigned links (design.md §9 Attachments).
   */
  connectOrigins?: readonly string[];
  /** Counts API requests in flight, so background work waits for its turn (background-lane.ts). */
  lane?: BackgroundLane;
  /** Routes under `/_local/` (local mode only). */
  localRoutes: (
    method: string,
    path: string,
    body: string,
    query: URLSearchParams,
    headers: IncomingHttpHeaders,
  ) => Promise<LocalAnswer | undefined>;
}

/** The answer of a `/_local/` route: JSON `body`, or a page (`html`), or only headers (a redirect). */
export interface LocalAnswer {
  status: number;
  body?: unknown;
  html?: string;
  headers?: Record<string, string>;
}

/** The local pages are plain HTML with no script of their own. */
const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; form-action 'self'",
};

/** API Gateway's own limit is 10 MB; gongkai's bodies are small, so anything larger is refused early. */
const MAX_BODY_BYTES = 256 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
};

/** Path parameters (case ids, receipt numbers, agency ids) longer than this name nothing: 404. */
const MAX_PATH_PARAMETER_LENGTH = 128;

/** A body larger than the limit is drained (and discarded) at most this far before the connection is cut. */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

/**
 * Reads a request body, keeping at most `MAX_BODY_BYTES`. A larger body is read to its end and
 * discarded (undefined), so the 413 answer reaches the client instead of a connection reset.
 */
const readBody = (request: IncomingMessage): Promise<string | undefined> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > MAX_DRAIN_BYTES) {
      // Not worth draining: answer and close (the client learns the limit from the 413).
      request.pause();
      resolve(undefined);
      return;
    }
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_DRAIN_BYTES) request.destroy();
      else if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

/** True when every %-escape of a path decodes (decodeURIComponent would throw on `%E0%A4%A` or `%zz`). */
function decodablePath(pathname: string): boolean {
  try {
    pathname.split('/').forEach((segment) => decodeURIComponent(segment));
    return true;
  } catch {
    return false;
  }
}

const sendJson = (response: ServerResponse, status: number, body: unknown): void => {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
};

/**
 * The local stand-in for API Gateway and CloudFront: turns requests on `/v1/…` into API Gateway proxy
 * events (REST API, v1 format, with the Cognito-style claims a valid staff token stands for) for the
 * same handlers that run in Lambda, serves `web/`, and answers the local-only `/_local/…` routes.
 */
export async function startHttpFront(options: HttpFrontOptions): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    // API requests are busy work the virtual clock waits for; `/_local/` requests (moving the clock) are not.
    const local = (request.url ?? '').startsWith('/_local/');
    const api = (request.url ?? '').startsWith('/v1/') && options.lane;
    const served = () => (api ? api.foreground(() => serve(request, response)) : serve(request, response));
    void (local ? serve(request, response) : options.clock.track(served)).catch((error: unknown) => {
      console.error('local front error', error);
      if (!response.headersSent) sendJson(response, 500, { error: { code: 'internal', message: '服务器内部错误' } });
    });
  });
  // A request Node cannot parse (unknown method, broken header, header too large) gets a 4xx, not a bare close.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || (socket as { _httpMessage?: unknown })._httpMessage) {
      socket.destroy();
      return;
    }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    const body = JSON.stringify({
      error: { code: status === 431 ? 'headers_too_large' : 'bad_request', message: '请求格式不正确' },
    });
    socket.end(
      `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
        `content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
        `connection: close\r\n\r\n${body}`,
    );
  });

  /** The path and query of a request target (origin form `/p?q`, or absolute form `http://host/p?q`). */
  function targetOf(request: IncomingMessage): URL | undefined {
    const target = request.url ?? '/';
    try {
      const url = target.startsWith('/') ? new URL(`http://localhost${target}`) : new URL(target);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
    } catch {
      return undefined;
    }
  }

  /** `/_local/` routes (the runtime checks the administrator's token or cookie on each). */
  async function serveLocal(request: IncomingMessage, response: ServerResponse, url: URL, method: string) {
    const body = await readBody(request);
    if (body === undefined) {
      sendJson(response, 413, { error: { code: 'payload_too_large', message: '请求内容过大' } });
      return;
    }
    const answer = await options.localRoutes(method, url.pathname, body, url.searchParams, request.headers);
    if (!answer) sendJson(response, 404, { error: { code: 'not_found', message: '找不到该资源' } });
    else if (answer.html !== undefined) {
      response.writeHead(answer.status, { ...PAGE_HEADERS, ...answer.headers });
      response.end(answer.html);
    } else if (answer.body === undefined) {
      response.writeHead(answer.status, answer.headers ?? {});
      response.end();
    } else sendJson(response, answer.status, answer.body);
  }

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = targetOf(request);
    const method = request.method ?? 'GET';
    if (!url || !decodablePath(url.pathname)) {
      // Read (and discard) the body first, so the answer is not lost to a reset.
      await readBody(request);
      sendJson(response, 400, {
        error: { code: 'bad_request', message: '请求路径格式不正确（百分号编码无效）' },
      });
      return;
    }
    if (url.pathname.startsWith('/_local/')) {
      await serveLocal(request, response, url, method);
      return;
    }
    if (url.pathname.startsWith('/v1/')) {
      await serveApi(request, response, url, method);
      return;
    }
    await readBody(request);
    if (method !== 'GET' && method !== 'HEAD') {
      sendJson(response, 405, { error: { code: 'method_not_allowed', message: '不支持该请求方法' } });
      return;
    }
    // The console asks `config.json` how to sign in; the stack writes it in AWS (hosted UI). Locally the answer
    // is "paste a token": an empty configuration, rather than a 404 the browser logs as an error.
    if (url.pathname === '/config.json') {
      sendJson(response, 200, { local: true });
      return;
    }
    serveStatic(response, url.pathname);
  }

  async function serveApi(request: IncomingMessage, response: ServerResponse, url: URL, method: string): Promise<void> {
    let pathParameters: Record<string, string> | undefined;
    const route = API_ROUTES.find(
      (r) => (pathParameters = matchResource(r.resource, url.pathname)) && r.method === method,
    );
    const overlong = Object.values(pathParameters ?? {}).some((v) => v.length > MAX_PATH_PARAMETER_LENGTH);
    if (!route || !pathParameters || overlong) {
      await readBody(request);
      const known = !overlong && API_ROUTES.some((r) => matchResource(r.resource, url.pathname));
      sendJson(response, known ? 405 : 404, {
        error: known
          ? { code: 'method_not_allowed', message: '不支持该请求方法' }
          : { code: 'not_found', message: '找不到该资源' },
      });
      return;
    }
    const body = await readBody(request);
    if (body === undefined) {
      sendJson(response, 413, { error: { code: 'payload_too_large', message: '请求内容过大' } });
      return;
    }
    const authorization = request.headers.authorization;
    const token = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1];
    const claims = token ? options.authenticate(token) : undefined;
    if (needsSignIn(route.access) || (route.access === 'public-or-staff' && token)) {
      // API Gateway's Cognito authoriser answers 401 before the Lambda runs.
      if (!claims) {
        sendJson(response, 401, { error: { code: 'unauthorized', message: '未登录或登录凭证无效' } });
        return;
      }
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string') headers[name] = value;
    const query = Object.fromEntries(url.searchParams);
    const requestId = randomUUID();
    const event = {
      resource: route.resource,
      path: url.pathname,
      httpMethod: method,
      headers,
      multiValueHeaders: {},
      queryStringParameters: Object.keys(query).length ? query : null,
      multiValueQueryStringParameters: null,
      pathParameters,
      stageVariables: null,
      body: body.length ? body : null,
      isBase64Encoded: false,
      requestContext: {
        requestId,
        resourcePath: route.resource,
        httpMethod: method,
        path: url.pathname,
        stage: 'local',
        identity: { sourceIp: request.socket.remoteAddress ?? '127.0.0.1' },
        authorizer: claims ? { claims: { sub: claims.sub, 'cognito:groups': claims.groups.join(',') } } : undefined,
      },
    } as unknown as APIGatewayProxyEvent;
    const handler = await loadHandler(`${API_FUNCTION_ENTRIES[route.fn]}#handler`);
    const result = (await handler(event, { awsRequestId: requestId, functionName: route.fn })) as APIGatewayProxyResult;
    const responseHeaders: Record<string, string> = {};
    for (const [name, value] of Object.entries(result.headers ?? {})) responseHeaders[name] = String(value);
    response.writeHead(result.statusCode, responseHeaders);
    response.end(result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
  }

  const connectSrc = options.connectOrigins?.length ? `; connect-src 'self' ${options.connectOrigins.join(' ')}` : '';

  function serveStatic(response: ServerResponse, pathname: string): void {
    const relative = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
    const file = path.join(options.webDir, path.normalize(relative).replace(/^(\.\.[/\\])+/, ''));
    if (!file.startsWith(options.webDir) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('找不到该页面');
      return;
    }
    response.writeHead(200, {
      'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      'content-security-policy': `default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'${connectSrc}`,
    });
    createReadStream(file).pipe(response);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
