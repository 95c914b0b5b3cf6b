import { HttpException, HttpStatus } from '@nestjs/common';
import { ApiError, type FieldError } from '../errors/api-error.js';

/** The only texts a client sees for errors we did not word ourselves. */
const GENERIC_MESSAGES: Record<number, string> = {
  400: 'bad request',
  401: 'authentication required',
  403: 'forbidden',
  404: 'not found',
  405: 'method not allowed',
  406: 'not acceptable',
  408: 'request timeout',
  413: 'payload too large',
  415: 'unsupported media type',
  429: 'too many requests',
  500: 'internal error',
  503: 'service unavailable',
};

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  errors?: readonly FieldError[];
  requestId: string;
}

function statusOf(exception: unknown): number {
  if (exception instanceof HttpException) return exception.getStatus();
  // Fastify's own errors (body parser, size limit, content type) carry a 4xx statusCode.
  const status = (exception as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return status;
  return HttpStatus.INTERNAL_SERVER_ERROR;
}

function reasonPhrase(status: number): string {
  const name = HttpStatus[status];
  return typeof name === 'string'
    ? name.toLowerCase().split('_').map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ')
    : 'Error';
}

/** Shapes any thrown value into a response body that carries nothing internal. */
export function errorBody(exception: unknown, requestId: string): ErrorBody {
  const statusCode = statusOf(exception);
  const body: ErrorBody = {
    statusCode,
    error: reasonPhrase(statusCode),
    message: GENERIC_MESSAGES[statusCode] ?? (statusCode >= 500 ? 'internal error' : 'request failed'),
    requestId,
  };
  if (exception instanceof ApiError) {
    body.message = exception.publicMessage;
    if (exception.fields.length > 0) body.errors = exception.fields;
  }
  return body;
}
