import { parseArgs } from 'node:util';
import { isRole } from '@cmipro/shared';
import { deleteApp, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { EMULATOR_PROJECT_ID } from '../../config/firebase.config.js';
import { emulatorAnswers } from './auth-emulator.js';
import { createEmulatorUser, signIn } from './emulator-users.js';

/**
 * `npm run token -- --role <role> [--mfa]`: creates a user in the Auth emulator with that
 * role claim (and a phone second factor with --mfa), signs in, and prints the ID token alone
 * on the last line. Emulator only: it never talks to a real Firebase project.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { role: { type: 'string', default: 'free_user' }, mfa: { type: 'boolean', default: false } } });
  if (!isRole(values.role)) throw new Error(`--role must be one of free_user, premium_user, admin, ingest`);
  if (process.env.NODE_ENV === 'production') throw new Error('refusing to mint tokens with NODE_ENV=production');
  const host = process.env.FIREBASE_AUTH_EMULATOR_HOST || '127.0.0.1:9099';
  const projectId = process.env.FIREBASE_PROJECT_ID || EMULATOR_PROJECT_ID;
  if (!(await emulatorAnswers(host))) throw new Error(`no Auth emulator on ${host}: run \`npm start\` first (or set FIREBASE_AUTH_EMULATOR_HOST)`);
  // firebase-admin only talks to the emulator when this variable is set.
  process.env.FIREBASE_AUTH_EMULATOR_HOST = host;
  const app = initializeApp({ projectId }, 'token-cli');
  try {
    const user = await createEmulatorUser(getAuth(app), { role: values.role, mfa: values.mfa });
    const { idToken } = await signIn(host, projectId, user);
    if (values.role === 'admin' && !values.mfa) console.log('note: admins without --mfa are refused (403) by the API');
    console.log(`uid=${user.uid} role=${values.role} mfa=${user.mfa} (valid 1 h; use: curl -H "Authorization: Bearer $TOKEN" ...)`);
    console.log(idToken);
  } finally {
    await deleteApp(app);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
