import { SetMetadata } from '@nestjs/common';
import type { Role } from '@cmipro/shared';

export const ROLES_KEY = 'cmipro:roles';

/** Restricts a route (or controller) to callers holding one of these roles; others get 403. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
