import { SFNClient } from '@aws-sdk/client-sfn';
import { localEndpoint } from './local-endpoint';
import { traced } from './tracer';

/** The Step Functions client of this container (see `local-endpoint.ts`). */
export const sfnClient = traced(new SFNClient(localEndpoint('AWS_ENDPOINT_URL_SFN')));
