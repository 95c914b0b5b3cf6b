import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'cmipro:public';

/** Opts a route (or controller) out of authentication: health checks and docs only. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
