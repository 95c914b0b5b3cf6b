import { Transform } from 'class-transformer';

/**
 * Query integers: only a plain decimal string becomes a number. Anything else (empty,
 * `1e3`, `0x10`, arrays) stays as sent, so `@IsInt()` reports it instead of a coerced 0.
 */
export function ToInt(): PropertyDecorator {
  return Transform(({ value }) => (typeof value === 'string' && /^-?\d{1,9}$/.test(value) ? Number(value) : value));
}
