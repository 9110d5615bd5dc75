import * as z from 'zod';

/**
 * Inputs of the outbox sender: a scope handed over right after a write (asynchronous invocation), or the
 * scheduled sweep of everything due.
 */
export const outboxSenderEventSchema = z.union([
  z.object({ scope: z.string().min(1).max(300) }),
  z.object({ task: z.literal('sweep') }),
]);
export type OutboxSenderEvent = z.infer<typeof outboxSenderEventSchema>;
