import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { ConsoleLogger, RequestMethod, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from '../app.module.js';
import { readAppConfig, type AppConfig } from '../config/app.config.js';
import type { Env } from '../config/env.util.js';
import { validateEnv } from '../config/validate-env.js';
import { AllExceptionsFilter } from '../common/filters/all-exceptions.filter.js';
import { StrictValidationPipe } from '../common/pipes/validation.pipe.js';
import { applyHttpHardening } from './http-hardening.js';

export const API_PREFIX = 'api/v1';

const NEST_LEVELS: Record<string, LogLevel[]> = {
  silent: [],
  fatal: ['fatal'],
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  trace: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

function createAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    // Trust exactly N hops (CloudFront + ALB = 2): the client IP is the entry those proxies
    // appended, so extra X-Forwarded-For entries a client forges on the left are ignored.
    trustProxy: (_address: string, hop: number) => hop < config.trustedProxyHops,
    bodyLimit: config.bodyLimitBytes,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    return503OnClosing: true,
    logger:
      config.logLevel === 'silent'
        ? false
        : { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
  });
}

function serveDocs(app: NestFastifyApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('CMIPRO Shield API')
      .setDescription('River stations, water levels and flood alerts for the Valle de Sula')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
}

/** Builds the whole API for one environment; `main` and the tests share it. */
export async function createApp(env: Env): Promise<NestFastifyApplication> {
  validateEnv(env);
  const config = readAppConfig(env);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(env), createAdapter(config), {
    logger: new ConsoleLogger({ json: config.env === 'production', logLevels: NEST_LEVELS[config.logLevel] ?? [] }),
    abortOnError: false,
  });
  await applyHttpHardening(app, config);
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(new StrictValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  if (config.docsEnabled) serveDocs(app);
  await app.init();
  return app;
}
