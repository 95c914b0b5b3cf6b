import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import { Construct } from 'constructs';
import { assumeRolePolicy } from '../iam/policy-document.js';

export interface ApiTaskRoleProps {
  /** Prefix of every name, e.g. `cmipro-prod`. */
  readonly namePrefix: string;
  /** Account allowed to assume the role through ECS (confused-deputy guard). */
  readonly accountId: string;
}

/**
 * The identity the API containers run as. It is created with the data layer because the
 * data key's policy names it (SPEC §4); each layer grants it access to what it owns.
 */
export class ApiTaskRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: ApiTaskRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, 'role', {
      name: `${props.namePrefix}-api-task`,
      description: 'CMIPRO API containers (ECS task role)',
      assumeRolePolicy: assumeRolePolicy('ecs-tasks.amazonaws.com', props.accountId),
      maxSessionDuration: 3600,
    });
  }
}
