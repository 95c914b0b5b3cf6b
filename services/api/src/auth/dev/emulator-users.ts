import { randomBytes } from 'node:crypto';
import type { Role } from '@cmipro/shared';
import type { Auth } from 'firebase-admin/auth';

/** The emulator accepts any API key. */
const API_KEY = 'emulator-api-key';
/** A fictional number (555-01xx) for the phone second factor; the emulator sends no SMS. */
const TEST_PHONE = '+15555550100';

export interface EmulatorUser {
  readonly uid: string;
  readonly email: string;
  readonly password: string;
  readonly mfa: boolean;
}

export interface EmulatorSession {
  readonly idToken: string;
  readonly refreshToken: string;
}

async function post<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await response.json()) as T & { error?: { message?: string } };
  if (!response.ok) throw new Error(`${new URL(url).pathname}: ${json.error?.message ?? response.status}`);
  return json;
}

/** Creates a user with the `role` claim (and an enrolled phone second factor with `mfa`). */
export async function createEmulatorUser(auth: Auth, options: { role?: Role; mfa?: boolean } = {}): Promise<EmulatorUser> {
  const email = `${options.role ?? 'user'}-${randomBytes(4).toString('hex')}@cmipro.test`;
  const password = randomBytes(12).toString('base64url');
  const user = await auth.createUser({
    email,
    password,
    emailVerified: true,
    ...(options.mfa ? { multiFactor: { enrolledFactors: [{ factorId: 'phone', phoneNumber: TEST_PHONE, displayName: 'test phone' }] } } : {}),
  });
  if (options.role) await auth.setCustomUserClaims(user.uid, { role: options.role });
  return { uid: user.uid, email, password, mfa: Boolean(options.mfa) };
}

/**
 * Signs in through the emulator's REST API as a client app would: password, then for an
 * MFA user the phone factor with the code the emulator exposes. Returns a fresh ID token.
 */
export async function signIn(emulatorHost: string, projectId: string, user: EmulatorUser): Promise<EmulatorSession> {
  const base = `http://${emulatorHost}/identitytoolkit.googleapis.com`;
  const first = await post<{ idToken?: string; refreshToken?: string; mfaPendingCredential?: string; mfaInfo?: { mfaEnrollmentId: string }[] }>(
    `${base}/v1/accounts:signInWithPassword?key=${API_KEY}`,
    { email: user.email, password: user.password, returnSecureToken: true },
  );
  if (first.idToken && first.refreshToken) return { idToken: first.idToken, refreshToken: first.refreshToken };
  if (!first.mfaPendingCredential || !first.mfaInfo?.[0]) throw new Error('sign-in returned neither a token nor a second-factor challenge');
  const start = await post<{ phoneResponseInfo: { sessionInfo: string } }>(`${base}/v2/accounts/mfaSignIn:start?key=${API_KEY}`, {
    mfaPendingCredential: first.mfaPendingCredential,
    mfaEnrollmentId: first.mfaInfo[0].mfaEnrollmentId,
    phoneSignInInfo: { phoneNumber: TEST_PHONE },
  });
  const codes = (await (await fetch(`http://${emulatorHost}/emulator/v1/projects/${projectId}/verificationCodes`)).json()) as {
    verificationCodes: { sessionInfo: string; code: string }[];
  };
  const code = codes.verificationCodes.find((c) => c.sessionInfo === start.phoneResponseInfo.sessionInfo)?.code;
  if (!code) throw new Error('the emulator has no verification code for this sign-in');
  const done = await post<{ idToken: string; refreshToken: string }>(`${base}/v2/accounts/mfaSignIn:finalize?key=${API_KEY}`, {
    mfaPendingCredential: first.mfaPendingCredential,
    phoneVerificationInfo: { sessionInfo: start.phoneResponseInfo.sessionInfo, code },
  });
  return { idToken: done.idToken, refreshToken: done.refreshToken };
}

/** A new ID token from a refresh token (picks up changed custom claims; refused once revoked). */
export async function refreshIdToken(emulatorHost: string, refreshToken: string): Promise<string> {
  const response = await fetch(`http://${emulatorHost}/securetoken.googleapis.com/v1/token?key=${API_KEY}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }).toString(),
  });
  const json = (await response.json()) as { id_token?: string; error?: { message?: string } };
  if (!response.ok || !json.id_token) throw new Error(`token refresh refused: ${json.error?.message ?? response.status}`);
  return json.id_token;
}
