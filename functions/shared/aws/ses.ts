import { SESv2Client } from '@aws-sdk/client-sesv2';
import { lazyClient, localEndpoint } from './local-endpoint';
import { traced } from './tracer';

/** The SES v2 client of this container, made on first use (see `local-endpoint.ts`). */
export const sesClient = lazyClient(() => traced(new SESv2Client(localEndpoint('AWS_ENDPOINT_URL_SESV2'))));
