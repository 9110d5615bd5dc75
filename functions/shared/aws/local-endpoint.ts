/**
 * AWS SDK v3 clients live one module per service (`dynamodb.ts`, `s3.ts`, `ses.ts`, `sfn.ts`), one client
 * each per Lambda container (module scope), so that a function's bundle carries only the services that
 * function imports (issue 17: the SDK packages are not side-effect free, so an unused client in a shared
 * module still costs its whole package). Endpoints come from the SDK's own `AWS_ENDPOINT_URL_<SERVICE>`
 * variables, which the local runtime sets to its local servers; in AWS they are unset and the clients
 * reach the real services.
 */
export const isLocal = process.env.GONGKAI_LOCAL === 'true';

/**
 * Locally the endpoint is read from the environment at every request, not once: a test process may stop
 * one local system and start another on new ports while these module-scope clients live on.
 */
export function localEndpoint(variable: string) {
  if (!isLocal) return {};
  return {
    endpoint: async () => {
      const url = new URL(process.env[variable] ?? '');
      return { protocol: url.protocol, hostname: url.hostname, port: Number(url.port), path: url.pathname };
    },
  };
}

/**
 * A client made on first use rather than when its module loads (issue 17: a cold start constructs only the clients
 * the invocation calls; a function that may attach a file or start a timeline pays for that client when it does).
 * The value stands for the client everywhere (`client.send`, presigners): every property is the real client's.
 */
export function lazyClient<C extends object>(make: () => C): C {
  let client: C | undefined;
  const real = (): C => (client ??= make());
  return new Proxy({} as C, {
    get(_target, property) {
      const value = Reflect.get(real(), property) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(real()) : value;
    },
    has: (_target, property) => Reflect.has(real(), property),
  });
}
