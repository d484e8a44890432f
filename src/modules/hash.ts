/** The one digest the modules use: content identities, session ids, evidence files' keys. */
import { hash } from 'node:crypto';
import { planContent, type IdentityPlan } from '../core/identity.js';

export function sha256(data: string | Uint8Array): string {
  return hash('sha256', data);
}

/** A plan's content identity (core/identity.ts) as a digest: the same for a file and its stored plan. */
export function planHash(plan: IdentityPlan, unitNames: readonly (readonly string[])[]): string {
  return sha256(planContent(plan, unitNames));
}
