import middy from '@middy/core';
import { observed } from '../shared/aws/observability';
import { deliverDue, deliverScope } from '../shared/notify/outbox';
import { outboxSenderEventSchema } from './schema';

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
