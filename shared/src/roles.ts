/** Roles carried in the Firebase custom claim `role`. */
export const ROLES = ['free_user', 'premium_user', 'admin', 'ingest'] as const;
export type Role = (typeof ROLES)[number];

/** Role of a signed-in user whose claim is missing or unknown. */
export const DEFAULT_ROLE: Role = 'free_user';

/** Roles that belong to people (the `ingest` role is the machine identity that writes readings). */
export const HUMAN_ROLES = ['free_user', 'premium_user', 'admin'] as const satisfies readonly Role[];
export type HumanRole = (typeof HUMAN_ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
