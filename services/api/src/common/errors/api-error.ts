import { HttpException, HttpStatus } from '@nestjs/common';

/** A field and what is wrong with it, in words safe to show the client. */
export interface FieldError {
  readonly field: string;
  readonly messages: readonly string[];
}

/**
 * An error whose message is ours and safe to send as is. Every other exception reaches
 * the client only as a generic text for its status (see AllExceptionsFilter).
 */
export class ApiError extends HttpException {
  constructor(
    status: HttpStatus,
    readonly publicMessage: string,
    readonly fields: readonly FieldError[] = [],
    /** Response headers that belong to this error (e.g. `WWW-Authenticate` on a 401). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(publicMessage, status);
  }

  static badRequest(message: string, fields: readonly FieldError[] = []): ApiError {
    return new ApiError(HttpStatus.BAD_REQUEST, message, fields);
  }
}
