import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { cert, deleteApp, initializeApp, type AppOptions } from 'firebase-admin/app';
import { getAuth, type Auth } from 'firebase-admin/auth';
import { firebaseConfig, sdkEmulatorHost, type FirebaseConfig } from '../config/firebase.config.js';

/** Injection token of this app's firebase-admin `Auth`. */
export const FIREBASE_AUTH = Symbol('FIREBASE_AUTH');

function credentialOf(config: FirebaseConfig): Pick<AppOptions, 'credential'> {
  const { credentials, projectId } = config;
  if (credentials.kind === 'service-account') {
    return { credential: cert({ projectId, clientEmail: credentials.clientEmail, privateKey: credentials.privateKey }) };
  }
  if (credentials.kind === 'file') {
    try {
      return { credential: cert(credentials.path) };
    } catch {
      // The SDK's message may quote the file; the variable name is what the operator needs.
      throw new Error('GOOGLE_APPLICATION_CREDENTIALS: cannot read a service account JSON from that file');
    }
  }
  // Emulator, or development against a real project with ambient credentials.
  return {};
}

/** One named firebase-admin app per Nest app, so several API instances can share a process (tests). */
export function createFirebaseAuth(config: FirebaseConfig): Auth {
  if (config.emulatorHost !== sdkEmulatorHost()) {
    throw new Error(
      'FIREBASE_AUTH_EMULATOR_HOST: the process environment and the validated configuration disagree (firebase-admin reads process.env)',
    );
  }
  if (!config.projectId) throw new Error('FIREBASE_PROJECT_ID: must be set');
  const app = initializeApp({ projectId: config.projectId, ...credentialOf(config) }, `cmipro-${randomUUID()}`);
  return getAuth(app);
}

@Injectable()
class FirebaseAppLifecycle implements OnApplicationShutdown {
  constructor(@Inject(FIREBASE_AUTH) private readonly auth: Auth) {}

  async onApplicationShutdown(): Promise<void> {
    await deleteApp(this.auth.app);
  }
}

export const firebaseAdminProviders: Provider[] = [
  { provide: FIREBASE_AUTH, inject: [firebaseConfig.KEY], useFactory: (config: ConfigType<typeof firebaseConfig>) => createFirebaseAuth(config) },
  FirebaseAppLifecycle,
];
