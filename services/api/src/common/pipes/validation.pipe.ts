import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { ApiError, type FieldError } from '../errors/api-error.js';

/** Field names are echoed back; an attacker's 10 kB key is not. */
const MAX_FIELD_NAME = 64;
/** Keys class-transformer drops silently instead of reporting: refused outright. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function shorten(name: string): string {
  return name.length > MAX_FIELD_NAME ? `${name.slice(0, MAX_FIELD_NAME)}…` : name;
}

function flatten(errors: readonly ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const name = parent ? `${parent}.${error.property}` : error.property;
    const field = shorten(name);
    const messages = Object.values(error.constraints ?? {}).map((m) => m.split(error.property).join(shorten(error.property)));
    const own: FieldError[] = messages.length > 0 ? [{ field, messages }] : [];
    return [...own, ...flatten(error.children ?? [], name)];
  });
}

/**
 * Whitelist DTO fields, refuse unknown ones (prototype keys included), transform to DTO
 * instances, and answer 400 with field-level messages that never echo the submitted values.
 */
export class StrictValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      validationError: { target: false, value: false },
      stopAtFirstError: false,
      exceptionFactory: (errors) => ApiError.badRequest('validation failed', flatten(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (value !== null && typeof value === 'object' && metadata.type !== 'custom') {
      const forbidden = Object.getOwnPropertyNames(value).filter((key) => PROTOTYPE_KEYS.has(key));
      if (forbidden.length > 0) {
        throw ApiError.badRequest(
          'validation failed',
          forbidden.map((field) => ({ field, messages: [`property ${field} should not exist`] })),
        );
      }
    }
    return super.transform(value, metadata);
  }
}
