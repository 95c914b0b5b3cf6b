import { createHmac, generateKeyPairSync, randomBytes, sign, X509Certificate, type KeyObject } from 'node:crypto';
import nock from 'nock';
import type { Role } from '@cmipro/shared';
import type { Env } from '../../src/config/env.util.js';

/**
 * Layer 1 of the identity tests: the real firebase-admin, with Google's endpoints intercepted
 * (nock) and ID tokens signed by a key made here. Never set FIREBASE_AUTH_EMULATOR_HOST with
 * these: firebase-admin would then accept unsigned tokens and prove nothing.
 */

export const TEST_PROJECT_ID = 'cmipro-test';
export const TEST_KID = 'test-signing-key-1';
export const ISSUER = `https://securetoken.google.com/${TEST_PROJECT_ID}`;
const CERTS_URL = 'https://www.googleapis.com';
const CERTS_PATH = '/robot/v1/metadata/x509/securetoken@system.gserviceaccount.com';

// ---- a self-signed X.509 certificate, DER by hand (firebase-admin 13 fetches x509 certs) ----

function der(tag: number, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const length = body.length < 0x80 ? Buffer.from([body.length]) : lengthBytes(body.length);
  return Buffer.concat([Buffer.from([tag]), length, body]);
}
function lengthBytes(n: number): Buffer {
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const SEQ = 0x30;
const SHA256_WITH_RSA = der(SEQ, Buffer.from('06092a864886f70d01010b', 'hex'), Buffer.from('0500', 'hex'));
const utcTime = (date: Date) => der(0x17, Buffer.from(`${date.toISOString().slice(2, 19).replace(/[-:T]/g, '')}Z`));
const commonName = (cn: string) => der(SEQ, der(0x31, der(SEQ, Buffer.from('0603550403', 'hex'), der(0x0c, Buffer.from(cn)))));

function selfSignedCertificate(privateKey: KeyObject, publicKey: KeyObject): string {
  const name = commonName('securetoken.test');
  const now = Date.now();
  const tbs = der(
    SEQ,
    der(0xa0, der(0x02, Buffer.from([2]))), // v3
    der(0x02, Buffer.concat([Buffer.from([0x01]), randomBytes(8)])),
    SHA256_WITH_RSA,
    name,
    der(SEQ, utcTime(new Date(now - 86_400_000)), utcTime(new Date(now + 86_400_000))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = sign('sha256', tbs, privateKey);
  const certificate = der(SEQ, tbs, SHA256_WITH_RSA, der(0x03, Buffer.from([0]), signature));
  const pem = `-----BEGIN CERTIFICATE-----\n${certificate.toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
  new X509Certificate(pem); // fails loudly here if the encoding above is wrong
  return pem;
}

// ---- keys: the "Google" token-signing key, and a service account for user lookups ----

const signing = generateKeyPairSync('rsa', { modulusLength: 2048 });
/** The public key as PEM: what an algorithm-confusion attacker would use as an HS256 secret. */
export const SIGNING_PUBLIC_PEM = signing.publicKey.export({ type: 'spki', format: 'pem' }) as string;
const SIGNING_CERT = selfSignedCertificate(signing.privateKey, signing.publicKey);
/** Another key nobody trusts. */
export const STRANGER_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const serviceAccountKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;

/** Firebase settings of a Layer-1 test app: a service account whose key arrives with escaped newlines, as from a secret store. */
export function firebaseTestEnv(): Env {
  return {
    FIREBASE_PROJECT_ID: TEST_PROJECT_ID,
    FIREBASE_CLIENT_EMAIL: `api@${TEST_PROJECT_ID}.iam.gserviceaccount.com`,
    FIREBASE_PRIVATE_KEY: serviceAccountKey.replace(/\n/g, '\\n'),
  };
}

// ---- Google's endpoints, intercepted ----

export interface TestUserRecord {
  disabled: boolean;
  /** tokens-valid-after, seconds since the epoch (0: never revoked). */
  validSince: number;
}

/** What "Firebase" knows about each uid (unknown uids are enabled, never revoked). */
export const testUsers = new Map<string, TestUserRecord>();
/** How many user lookups reached "Firebase", per uid. */
export const lookups = new Map<string, number>();

let intercepting = false;

/** Intercepts the x509 key fetch, the OAuth token exchange and `accounts:lookup`; no other host is reachable. */
export function interceptGoogleApis(): void {
  if (intercepting) return;
  intercepting = true;
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);
  nock(CERTS_URL).persist().get(CERTS_PATH).reply(200, { [TEST_KID]: SIGNING_CERT }, { 'cache-control': 'public, max-age=21600' });
  nock('https://oauth2.googleapis.com')
    .persist()
    .post('/token')
    .reply(200, { access_token: 'test-access-token', expires_in: 3600, token_type: 'Bearer' });
  nock('https://identitytoolkit.googleapis.com')
    .persist()
    .post(`/v1/projects/${TEST_PROJECT_ID}/accounts:lookup`)
    .reply((_uri, body) => {
      const uid = String((body as { localId?: string[] }).localId?.[0]);
      lookups.set(uid, (lookups.get(uid) ?? 0) + 1);
      const user = testUsers.get(uid) ?? { disabled: false, validSince: 0 };
      return [200, { kind: 'identitytoolkit#GetAccountInfoResponse', users: [{ localId: uid, disabled: user.disabled, validSince: String(user.validSince), email: `${uid}@example.test` }] }];
    });
}

// ---- tokens ----

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
export const nowS = () => Math.floor(Date.now() / 1000);

export interface TokenOptions {
  role?: Role | string;
  mfa?: boolean;
  uid?: string;
  /** Seconds since the epoch; default: now. */
  authTime?: number;
  /** Overrides of any payload claim (`undefined` removes it). */
  claims?: Record<string, unknown>;
  /** Overrides of the header (`undefined` removes a field). */
  header?: Record<string, unknown>;
  /** Sign with this key instead of the trusted one. */
  key?: KeyObject;
}

function withOverrides(base: Record<string, unknown>, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const merged = { ...base, ...overrides };
  for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name];
  return merged;
}

let counter = 0;
/** A fresh uid per call unless given, so suites do not share user state. */
export function newUid(prefix = 'user'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}-${randomBytes(3).toString('hex')}`;
}

/** Payload of a Firebase ID token as Google would sign it. */
export function idTokenClaims(options: TokenOptions = {}): Record<string, unknown> {
  const now = nowS();
  const uid = options.uid ?? newUid(String(options.role ?? 'user'));
  const authTime = options.authTime ?? now;
  const firebase: Record<string, unknown> = { identities: { email: [`${uid}@example.test`] }, sign_in_provider: 'password' };
  if (options.mfa) firebase.sign_in_second_factor = 'phone';
  const base: Record<string, unknown> = {
    iss: ISSUER,
    aud: TEST_PROJECT_ID,
    auth_time: authTime,
    user_id: uid,
    sub: uid,
    iat: now,
    exp: now + 3600,
    email: `${uid}@example.test`,
    firebase,
  };
  if (options.role !== undefined) base.role = options.role;
  return withOverrides(base, options.claims);
}

/** An RS256 ID token signed by the trusted test key (or `options.key`). */
export function tokenFor(options: TokenOptions = {}): string {
  const header = withOverrides({ alg: 'RS256', kid: TEST_KID, typ: 'JWT' }, options.header);
  const input = `${b64(header)}.${b64(idTokenClaims(options))}`;
  const signature = sign('sha256', Buffer.from(input), options.key ?? signing.privateKey).toString('base64url');
  return `${input}.${signature}`;
}

/** The algorithm-confusion attack: HS256 with the trusted public key as the HMAC secret. */
export function hs256WithPublicKey(options: TokenOptions = {}): string {
  const input = `${b64({ alg: 'HS256', kid: TEST_KID, typ: 'JWT' })}.${b64(idTokenClaims(options))}`;
  return `${input}.${createHmac('sha256', SIGNING_PUBLIC_PEM).update(input).digest('base64url')}`;
}

/** `alg: none`, no signature. */
export function unsignedToken(options: TokenOptions = {}): string {
  return `${b64({ alg: 'none', kid: TEST_KID, typ: 'JWT' })}.${b64(idTokenClaims(options))}.`;
}

export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

/** Headers of a signed-in caller with that role (MFA on for admins, as the API requires). */
export function authHeaders(role: Role = 'free_user', options: Omit<TokenOptions, 'role'> = {}): { authorization: string } {
  return bearer(tokenFor({ role, mfa: role === 'admin', ...options }));
}
