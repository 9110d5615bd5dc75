import { SFNClient } from '@aws-sdk/client-sfn';
import { lazyClient, localEndpoint } from './local-endpoint';
import { traced } from './tracer';

/** The Step Functions client of this container, made on first use (see `local-endpoint.ts`). */
export const sfnClient = lazyClient(() => traced(new SFNClient(localEndpoint('AWS_ENDPOINT_URL_SFN'))));
