import middy from '@middy/core';
import { observed } from '../shared/aws/observability';
import { documentClient } from '../shared/aws/dynamodb';
import { containerS3 } from '../shared/aws/s3-on-demand';
import { issueDeferredDocuments } from '../shared/case-file/deferred-documents';
import { caseFilesBucketName, config } from '../shared/config';
import { makeCaseFiles } from '../shared/files/case-files';
import { deliverDue, deliverScope, useCasePreparation } from '../shared/notify/outbox';
import { makeAgencyRepository } from '../shared/store/agency-repository';
import { makeCalendarRepository } from '../shared/store/calendar-repository';
import { makeCaseFileRepository } from '../shared/store/case-file-repository';
import { makeCaseRepository } from '../shared/store/case-repository';
import { systemClock } from '../shared/system-clock';
import { outboxSenderEventSchema } from './schema';

const { tableName } = config();
/** An online application's receipt is issued here, before the acknowledgement that attaches it (issue 17). */
export const prepareCase = issueDeferredDocuments({
  cases: makeCaseRepository(documentClient, tableName),
  agencies: makeAgencyRepository(documentClient, tableName),
  calendars: makeCalendarRepository(documentClient, tableName),
  caseFiles: {
    files: makeCaseFileRepository(documentClient, tableName),
    storage: makeCaseFiles(containerS3, caseFilesBucketName()),
  },
  now: () => systemClock.now(),
});
useCasePreparation(prepareCase);

/**
 * The outbox sender (notify/outbox.ts): delivers one scope's pending notices when a write hands it over,
 * and everything due (retries, expired leases, outboxes a crash left behind) on its schedule.
 */
export const handler = middy<unknown, unknown>()
  .use(observed())
  .handler(async (rawEvent) => {
    const event = outboxSenderEventSchema.parse(rawEvent);
    return 'scope' in event ? deliverScope(event.scope) : deliverDue();
  });
