import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** `:uid` of the admin user routes. Firebase uids are at most 128 characters; ours are URL-safe. */
export class UserUidParamDto {
  @ApiProperty({ example: 'Xk3bq9PZ0cTg2mYV7rLw1nHs5Ja2' })
  @Matches(/^[A-Za-z0-9_-]{1,128}$/, { message: 'uid must be 1-128 letters, digits, "_" or "-"' })
  uid: string;
}
