import { STATION_ID_PATTERN, STATION_IDS } from '@cmipro/shared';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';

/** SPEC §6 fix: three letters + `H3` (the seed's four-letter pattern rejects every real station), and known. */
export function IsStationId(required = true): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ enum: STATION_IDS, required, example: STATION_IDS[0] }),
    IsString(),
    Matches(STATION_ID_PATTERN, { message: '$property must be three capital letters followed by H3' }),
    IsIn(STATION_IDS, { message: `$property must be one of ${STATION_IDS.join(', ')}` }),
  );
}
