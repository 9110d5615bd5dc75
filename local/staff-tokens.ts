import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { ADMIN_GROUP, headGroup } from '../functions/shared/http/api';
import type { StaffClaims } from './http-front';

/**
 * The local stand-in for the Cognito user pool: one bearer token per Cognito group (design.md §9 Roles),
 * `<agencyId>` an officer, `<agencyId>:head` the head of its OGI office, `gongkai-admin` an administrator,
 * kept in the data folder so a second start prints the same tokens. `--staff-token` adds an administrator
 * token of the caller's choosing.
 */
export interface LocalStaffTokens {
  /** The token of a group, created (and saved) on first use, e.g. for an agency an administrator just created. */
  tokenFor(group: string): string;
  /** The claims a token stands for, or undefined for an unknown token (401). */
  authenticate(token: string): StaffClaims | undefined;
  /** Officer tokens by agency, plus the administrator's under `*` (the shape tests and `gongkai start` read). */
  officers(agencyIds: readonly string[]): Record<string, string>;
  /** Head tokens by agency. */
  heads(agencyIds: readonly string[]): Record<string, string>;
  /** The administrator token: `--staff-token` when given, otherwise the saved `gongkai-admin` token. */
  admin: string;
}

export function makeLocalStaffTokens(file: string, options: { adminToken?: string } = {}): LocalStaffTokens {
  const tokens: Record<string, string> = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)
    : {};
  const tokenFor = (group: string): string => {
    const existing = tokens[group];
    if (existing) return existing;
    const created = `staff-${group.replace(/[^\w-]/g, '-')}-${randomBytes(12).toString('hex')}`;
    tokens[group] = created;
    writeFileSync(file, JSON.stringify(tokens, null, 2), { mode: 0o600 });
    return created;
  };
  const admin = options.adminToken ?? tokenFor(ADMIN_GROUP);
  return {
    tokenFor,
    admin,
    authenticate(token) {
      if (token === admin) return { sub: 'admin', groups: [ADMIN_GROUP] };
      const group = Object.entries(tokens).find(([, t]) => t === token)?.[0];
      return group ? { sub: `staff@${group}`, groups: [group] } : undefined;
    },
    officers: (agencyIds) => ({
      ...Object.fromEntries(agencyIds.map((id) => [id, tokenFor(id)])),
      '*': admin,
    }),
    heads: (agencyIds) => Object.fromEntries(agencyIds.map((id) => [id, tokenFor(headGroup(id))])),
  };
}
