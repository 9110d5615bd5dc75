import { parseBody, parseInput, ValidationFailedError } from '../shared/http/api';
import { ReceiptPrefixTakenError, type AgencyRepository, type StoredAgency } from '../shared/store/agency-repository';
import { AGENCY_FIELD_LABELS, agencyIdSchema, agencySettingsSchema } from './schema';

const refused = (path: string, message: string) =>
  new ValidationFailedError(`${message}（共1处）`, [{ path, message }]);

/**
 * Stores an agency's settings (design.md §9 Administration), used by `PUT /v1/admin/agencies/{agencyId}` and by the
 * local seed alike: the body validated (400 naming the field), the parent agency checked (exists, no cycle), the
 * receipt prefix claimed for this agency for ever (400 on `receiptPrefix` when another agency holds it). Receipt
 * numbers and documents already issued are stored with their cases and never rewritten.
 */
export async function saveAgency(
  agencies: Pick<AgencyRepository, 'get' | 'getStored' | 'list' | 'put'>,
  input: { agencyId: string | undefined; body: string | null },
  by: string,
  now: Date,
): Promise<{ agency: StoredAgency; created: boolean }> {
  const { agencyId } = parseInput(agencyIdSchema, { agencyId: input.agencyId }, AGENCY_FIELD_LABELS);
  const settings = parseBody(agencySettingsSchema, { body: input.body }, AGENCY_FIELD_LABELS);
  const existing = await agencies.getStored(agencyId);
  const all = await agencies.list();
  if (settings.parentAgencyId !== undefined) {
    if (settings.parentAgencyId === agencyId) throw refused('parentAgencyId', '上级机关不能是本机关');
    const byId = new Map(all.map((a) => [a.agencyId, a]));
    if (!byId.has(settings.parentAgencyId))
      throw refused('parentAgencyId', `上级机关 ${settings.parentAgencyId} 不存在`);
    for (
      let up = byId.get(settings.parentAgencyId);
      up;
      up = up.parentAgencyId ? byId.get(up.parentAgencyId) : undefined
    )
      if (up.agencyId === agencyId) throw refused('parentAgencyId', '上级机关不能是本机关的下级机关（形成循环）');
  }
  const holder = all.find((a) => a.agencyId !== agencyId && a.receiptPrefix === settings.receiptPrefix);
  if (holder) throw refused('receiptPrefix', `受理编号前缀 ${settings.receiptPrefix} 已由机关 ${holder.agencyId} 使用`);
  const at = now.toISOString();
  const agency: StoredAgency = {
    agencyId,
    ...settings,
    createdAt: existing?.createdAt ?? at,
    updatedAt: at,
    updatedBy: by,
  };
  try {
    await agencies.put(agency);
  } catch (error) {
    if (error instanceof ReceiptPrefixTakenError) throw refused('receiptPrefix', error.message);
    throw error;
  }
  return { agency, created: !existing };
}
