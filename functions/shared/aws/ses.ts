import { SESv2Client } from '@aws-sdk/client-sesv2';
import { localEndpoint } from './local-endpoint';
import { traced } from './tracer';

/** The SES v2 client of this container (see `local-endpoint.ts`). */
export const sesClient = traced(new SESv2Client(localEndpoint('AWS_ENDPOINT_URL_SESV2')));
