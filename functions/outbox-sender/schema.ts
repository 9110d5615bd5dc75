import * as z from 'zod/mini';

/**
 * Inputs of the outbox sender: a scope handed over right after a write (asynchronous invocation), or the
 * scheduled sweep of everything due.
 */
export const outboxSenderEventSchema = z.union([
  z.object({ scope: z.string().check(z.minLength(1), z.maxLength(300)) }),
  z.object({ task: z.literal('sweep') }),
]);
export type OutboxSenderEvent = z.infer<typeof outboxSenderEventSchema>;
