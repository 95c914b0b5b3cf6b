/**
 * ISO 3166-1 alpha-2 codes the edge lets through (SPEC §2): Honduras, where the users are;
 * the US, where the AWS region, NOAA and Firebase are; and the Central American neighbours.
 */
export const ALLOWED_COUNTRIES = ['US', 'HN', 'GT', 'SV', 'NI', 'CR', 'PA'] as const;
export type AllowedCountry = (typeof ALLOWED_COUNTRIES)[number];
