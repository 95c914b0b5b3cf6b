import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { parseCalendarDay, todayDay } from './calendar-date.js';

/** A real `YYYY-MM-DD` date (no `2026-02-30`), not after today and at most `maxAgeDays` ago. */
export function IsRecentCalendarDate(maxAgeDays: number, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isRecentCalendarDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate(value: unknown) {
          const day = parseCalendarDay(value);
          if (day === null) return false;
          const today = todayDay();
          return day <= today && day >= today - maxAgeDays;
        },
        defaultMessage(args: ValidationArguments) {
          if (parseCalendarDay(args.value) === null) return `${args.property} must be a real calendar date as YYYY-MM-DD`;
          return `${args.property} must be between ${maxAgeDays} days ago and today`;
        },
      },
    });
}

/** This date is on or after the date in `startField`, and at most `maxSpanDays` later. */
export function IsDateRangeEnd(startField: string, maxSpanDays: number, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isDateRangeEnd',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      constraints: [startField],
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const end = parseCalendarDay(value);
          const start = parseCalendarDay((args.object as Record<string, unknown>)[startField]);
          if (end === null || start === null) return true; // each date's own rule reports it
          return end >= start && end - start + 1 <= maxSpanDays;
        },
        defaultMessage(args: ValidationArguments) {
          return `${args.property} must be on or after ${startField} and span at most ${maxSpanDays} days`;
        },
      },
    });
}
