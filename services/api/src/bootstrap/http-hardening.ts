import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../config/app.config.js';
import { ApiError } from '../common/errors/api-error.js';
import { errorBody } from '../common/filters/error-body.js';

const PUBLIC_PATHS = /^\/health\//;

/** Security headers, CORS allow list, HTTPS-only behind the proxy, request ids on every reply. */
export async function applyHttpHardening(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  await app.register(helmet, {
    hsts: { maxAge: 63_072_000, includeSubDomains: true, preload: true },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
  app.enableCors({
    origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    exposedHeaders: ['X-Request-Id', 'Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'],
    maxAge: 600,
  });

  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  if (config.requireHttps) {
    // `request.protocol` honours X-Forwarded-Proto only from the trusted proxy hops.
    fastify.addHook('onRequest', async (request, reply) => {
      if (request.protocol === 'https' || PUBLIC_PATHS.test(request.url)) return;
      await reply.code(403).send(errorBody(new ApiError(403, 'https required'), String(request.id)));
    });
  }
}
