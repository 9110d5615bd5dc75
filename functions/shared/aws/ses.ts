import { SESv2Client } from '@aws-sdk/client-sesv2';
import { lazyClient, localEndpoint } from './local-endpoint';
import { traced } from './tracer';

export { SendEmailCommand } from '@aws-sdk/client-sesv2';

/**
 * The SES v2 client of this container, made on first use (see `local-endpoint.ts`), with the one command gongkai
 * sends; reached only through `import()` (a chunk of its own, issue 17).
 */
export const sesClient = lazyClient(() => traced(new SESv2Client(localEndpoint('AWS_ENDPOINT_URL_SESV2'))));
