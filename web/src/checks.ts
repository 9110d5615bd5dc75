/**
 * The server's own checks in the browser (zod and the intake schemas, same Chinese messages), in a chunk of
 * their own: the form and the status page render without it and load it when the applicant first edits or
 * submits (issue 17: the form's first script ≤ 40 KB gzip). zod is told not to probe `eval` before any use.
 */
import './zod-jitless';

import { makeSubmitRequestSchema, makeSupplementSchema } from '../../functions/intake/schema';

export const submitRequestSchema = makeSubmitRequestSchema();
export const supplementSchema = makeSupplementSchema();
export { validate } from '../../functions/shared/http/validation';
