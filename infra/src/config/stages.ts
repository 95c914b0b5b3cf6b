import type { StageConfig, StageName } from './stage-config.js';

// Account ids and certificate ARNs are the CMIPRO accounts' values: replace them (and the
// state bucket, see infra/README.md 'Bootstrap') when deploying to other accounts.
const DEV_ACCOUNT = '111111111111';
const PROD_ACCOUNT = '222222222222';
const REGION = 'us-east-1';

/** Typed configuration of every stage. */
export const STAGES: Readonly<Record<StageName, StageConfig>> = {
  dev: {
    stage: 'dev',
    accountId: DEV_ACCOUNT,
    region: REGION,
    vpcCidr: '10.20.0.0/16',
    natGateways: 1,
    albCertificateArn: `arn:aws:acm:${REGION}:${DEV_ACCOUNT}:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d`,
    edgeDomain: {
      name: 'dev.api.cmipro.hn',
      certificateArn: `arn:aws:acm:us-east-1:${DEV_ACCOUNT}:certificate/7c8d9e0f-1a2b-4c3d-9e4f-5a6b7c8d9e0f`,
    },
    logRetentionDays: 30,
    state: {
      bucket: `cmipro-terraform-state-${DEV_ACCOUNT}`,
      region: REGION,
      kmsKeyArn: `arn:aws:kms:${REGION}:${DEV_ACCOUNT}:alias/cmipro-terraform-state`,
    },
    database: {
      instanceClass: 'db.t4g.micro',
      engineVersion: '16.4',
      parameterGroupFamily: 'postgres16',
      allocatedStorageGb: 20,
      maxAllocatedStorageGb: 50,
      multiAz: false,
    },
    cache: { nodeType: 'cache.t4g.micro', nodeCount: 1, engineVersion: '7.1' },
    service: {
      cpu: 256,
      memoryMb: 512,
      minTasks: 1,
      maxTasks: 2,
      containerPort: 3000,
      imageTag: '0.1.0',
      targetCpuPercent: 60,
      targetRequestsPerTask: 1000,
    },
  },
  prod: {
    stage: 'prod',
    accountId: PROD_ACCOUNT,
    region: REGION,
    vpcCidr: '10.30.0.0/16',
    natGateways: 2,
    albCertificateArn: `arn:aws:acm:${REGION}:${PROD_ACCOUNT}:certificate/5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9`,
    edgeDomain: {
      name: 'api.cmipro.hn',
      certificateArn: `arn:aws:acm:us-east-1:${PROD_ACCOUNT}:certificate/1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9`,
    },
    logRetentionDays: 365,
    alertEmail: 'seguridad@cmipro.hn',
    state: {
      bucket: `cmipro-terraform-state-${PROD_ACCOUNT}`,
      region: REGION,
      kmsKeyArn: `arn:aws:kms:${REGION}:${PROD_ACCOUNT}:alias/cmipro-terraform-state`,
    },
    database: {
      instanceClass: 'db.t4g.medium',
      engineVersion: '16.4',
      parameterGroupFamily: 'postgres16',
      allocatedStorageGb: 50,
      maxAllocatedStorageGb: 200,
      multiAz: true,
    },
    cache: { nodeType: 'cache.t4g.small', nodeCount: 2, engineVersion: '7.1' },
    service: {
      cpu: 512,
      memoryMb: 1024,
      minTasks: 2,
      maxTasks: 10,
      containerPort: 3000,
      imageTag: '0.1.0',
      targetCpuPercent: 60,
      targetRequestsPerTask: 1000,
    },
  },
};
