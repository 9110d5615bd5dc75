import { SFNClient } from '@aws-sdk/client-sfn';
import { lazyClient, localEndpoint } from './local-endpoint';
import { traced } from './tracer';

export { ListExecutionsCommand, StartExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';

/**
 * The Step Functions client of this container, made on first use (see `local-endpoint.ts`), with the commands
 * gongkai sends. Modules reach this file only through `import()`, so it and the Step Functions package are a chunk of
 * their own that a cold start does not read (issue 17).
 */
export const sfnClient = lazyClient(() => traced(new SFNClient(localEndpoint('AWS_ENDPOINT_URL_SFN'))));
