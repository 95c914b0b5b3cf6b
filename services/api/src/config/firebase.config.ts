import { createPrivateKey } from 'node:crypto';
import { registerAs } from '@nestjs/config';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateBy, ValidateIf } from 'class-validator';
import { isProduction, type Env, type EnvSchema } from './env.util.js';

/** Project the Auth emulator runs as in development and tests (`demo-*` never reaches Google). */
export const EMULATOR_PROJECT_ID = 'demo-cmipro';

/** Secrets injected through ECS or a shell often carry the PEM's newlines as the two characters `\n`. */
function unescapePem(value: string): string {
  return value.replace(/\\n/g, '\n');
}

function IsPemPrivateKey(): PropertyDecorator {
  return ValidateBy({
    name: 'isPemPrivateKey',
    validator: {
      validate: (value: unknown) => {
        if (typeof value !== 'string') return false;
        try {
          createPrivateKey(unescapePem(value));
          return true;
        } catch {
          return false;
        }
      },
      // Never echo the value: it is a secret even when malformed.
      defaultMessage: () => 'is not a PEM private key (escaped "\\n" newlines are accepted)',
    },
  });
}

/** A service account is the e-mail and the key together; half of one is always a mistake. */
const serviceAccountPart = (env: FirebaseEnv) => env.FIREBASE_CLIENT_EMAIL !== undefined || env.FIREBASE_PRIVATE_KEY !== undefined;

class FirebaseEnv {
  @IsOptional() @Matches(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, { message: 'must be a Firebase/GCP project id' })
  FIREBASE_PROJECT_ID?: string;

  @ValidateIf(serviceAccountPart) @IsEmail({}, { message: 'must be the service account e-mail (set with FIREBASE_PRIVATE_KEY)' })
  FIREBASE_CLIENT_EMAIL?: string;

  @ValidateIf(serviceAccountPart) @IsPemPrivateKey()
  FIREBASE_PRIVATE_KEY?: string;

  @IsOptional() @IsString()
  GOOGLE_APPLICATION_CREDENTIALS?: string;

  @IsOptional() @Matches(/^[\w.-]+:\d{1,5}$/, { message: 'must be host:port' })
  FIREBASE_AUTH_EMULATOR_HOST?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(300) @Max(7 * 24 * 3600)
  AUTH_ADMIN_SESSION_MAX_AGE_S?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(600)
  AUTH_USER_STATUS_TTL_S?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(600)
  AUTH_TOKEN_CACHE_TTL_S?: number;
}

export const firebaseEnvSchema: EnvSchema<FirebaseEnv> = {
  validator: FirebaseEnv,
  productionProblems: (env: Env) => {
    const problems: string[] = [];
    if (env.FIREBASE_AUTH_EMULATOR_HOST) {
      problems.push('FIREBASE_AUTH_EMULATOR_HOST: must not be set in production (firebase-admin then accepts unsigned tokens)');
    }
    if (!env.FIREBASE_PROJECT_ID) problems.push('FIREBASE_PROJECT_ID: must be set in production (the audience every ID token is checked against)');
    if (!env.GOOGLE_APPLICATION_CREDENTIALS && !env.FIREBASE_CLIENT_EMAIL && !env.FIREBASE_PRIVATE_KEY) {
      problems.push('GOOGLE_APPLICATION_CREDENTIALS: must be set in production, or FIREBASE_CLIENT_EMAIL and FIREBASE_PRIVATE_KEY (user status lookups and admin actions need credentials)');
    }
    return problems;
  },
};

export type FirebaseCredentials =
  | { readonly kind: 'service-account'; readonly clientEmail: string; readonly privateKey: string }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'none' };

export interface FirebaseConfig {
  readonly projectId: string;
  readonly credentials: FirebaseCredentials;
  /** `host:port` of the Auth emulator; `undefined` verifies against Google's keys. */
  readonly emulatorHost: string | undefined;
  /** Oldest sign-in (`auth_time`) an admin token may carry. */
  readonly adminSessionMaxAgeS: number;
  /** How long a user's disabled / tokens-valid-after status is trusted before asking Firebase again. */
  readonly userStatusTtlS: number;
  /** Upper bound on how long a verified token is reused without redoing RS256 (0 disables the cache). */
  readonly tokenCacheTtlS: number;
}

export function readFirebaseConfig(env: Env): FirebaseConfig {
  const privateKey = env.FIREBASE_PRIVATE_KEY ? unescapePem(env.FIREBASE_PRIVATE_KEY) : undefined;
  let credentials: FirebaseCredentials = { kind: 'none' };
  if (env.FIREBASE_CLIENT_EMAIL && privateKey) credentials = { kind: 'service-account', clientEmail: env.FIREBASE_CLIENT_EMAIL, privateKey };
  else if (env.GOOGLE_APPLICATION_CREDENTIALS) credentials = { kind: 'file', path: env.GOOGLE_APPLICATION_CREDENTIALS };
  return {
    projectId: env.FIREBASE_PROJECT_ID || (isProduction(env) ? '' : EMULATOR_PROJECT_ID),
    credentials,
    emulatorHost: env.FIREBASE_AUTH_EMULATOR_HOST || undefined,
    adminSessionMaxAgeS: Number(env.AUTH_ADMIN_SESSION_MAX_AGE_S ?? 12 * 3600),
    userStatusTtlS: Number(env.AUTH_USER_STATUS_TTL_S ?? 60),
    tokenCacheTtlS: Number(env.AUTH_TOKEN_CACHE_TTL_S ?? 300),
  };
}

/**
 * firebase-admin reads the emulator switch from `process.env` only, never from its options.
 * The auth module compares this with the validated configuration and refuses to start when
 * they differ, so a stray shell variable cannot turn signature checks off unnoticed.
 */
export function sdkEmulatorHost(): string | undefined {
  return process.env.FIREBASE_AUTH_EMULATOR_HOST || undefined;
}

export const firebaseConfig = registerAs('firebase', () => readFirebaseConfig(process.env));
