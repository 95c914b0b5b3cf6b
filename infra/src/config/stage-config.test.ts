import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateStageConfig, type StageConfig } from './stage-config.js';
import { STAGES } from './stages.js';

describe('stage config', () => {
  it('the committed stages are valid', () => {
    for (const config of Object.values(STAGES)) assert.equal(validateStageConfig(config), config);
  });

  it('lists every problem at once, each with how to fix it', () => {
    const broken: StageConfig = {
      ...STAGES.prod,
      accountId: '1234',
      vpcCidr: '192.168.0.0/24',
      albCertificateArn: 'arn:aws:acm:eu-west-1:222222222222:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      database: { ...STAGES.prod.database, multiAz: false },
      cache: { ...STAGES.prod.cache, nodeCount: 1 },
      service: { ...STAGES.prod.service, containerPort: 80, imageTag: 'latest' },
    };
    assert.throws(
      () => validateStageConfig(broken),
      (error: Error) => {
        for (const expected of [
          /accountId '1234' must be the 12-digit/,
          /vpcCidr '192.168.0.0\/24' must be a private \/16/,
          /albCertificateArn must be an ACM certificate in us-east-1/,
          /set database.multiAz to true/,
          /set cache.nodeCount to 2 or more/,
          /containerPort must be above 1024: the container runs as a non-root user/,
          /imageTag 'latest' must be an immutable release tag/,
        ]) {
          assert.match(error.message, expected);
        }
        return true;
      },
    );
  });

  it('dev may run a single node; prod may not', () => {
    assert.doesNotThrow(() => validateStageConfig({ ...STAGES.dev, cache: { ...STAGES.dev.cache, nodeCount: 1 } }));
    assert.throws(() => validateStageConfig({ ...STAGES.prod, service: { ...STAGES.prod.service, minTasks: 1 } }), /minTasks to 2 or more/);
  });
});
