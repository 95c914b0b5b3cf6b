/**
 * The service's calendar is Honduras's: America/Tegucigalpa, UTC-6 all year (no daylight
 * saving since 2006). Dates in queries (`YYYY-MM-DD`) are local days; days start at local midnight.
 */
export const SERVICE_TIME_ZONE = 'America/Tegucigalpa';
export const SERVICE_UTC_OFFSET = '-06:00';
export const SERVICE_UTC_OFFSET_MS = -6 * 60 * 60 * 1000;
