import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error.js';
import { errorBody } from './error-body.js';

/** The one place error responses are shaped; 5xx causes are logged, never sent. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const body = errorBody(exception, String(request.id));
    if (body.statusCode >= 500) {
      this.logger.error(
        { requestId: body.requestId, method: request.method, url: request.routeOptions?.url ?? 'unmatched' },
        exception instanceof Error ? exception.stack : String(exception),
      );
    }
    if (exception instanceof ApiError) void reply.headers(exception.headers);
    void reply.status(body.statusCode).header('cache-control', 'no-store').send(body);
  }
}
