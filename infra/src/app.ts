import type { Construct } from 'constructs';
import { validateStageConfig, type StageConfig } from './config/stage-config.js';
import { DataStack } from './stacks/data-stack.js';
import { EdgeStack } from './stacks/edge-stack.js';
import { MonitoringStack } from './stacks/monitoring-stack.js';
import { NetworkStack } from './stacks/network-stack.js';
import { ServiceStack } from './stacks/service-stack.js';

/** The five layer stacks of one stage, in deploy order. */
export interface StageStacks {
  readonly monitoring: MonitoringStack;
  readonly network: NetworkStack;
  readonly data: DataStack;
  readonly service: ServiceStack;
  readonly edge: EdgeStack;
}

/** Validates the config, then builds every layer of the stage; references between them become remote state. */
export function addStage(scope: Construct, config: StageConfig): StageStacks {
  validateStageConfig(config);
  const monitoring = new MonitoringStack(scope, config);
  const network = new NetworkStack(scope, config, monitoring);
  const data = new DataStack(scope, config, network, monitoring);
  const service = new ServiceStack(scope, config, network, data, monitoring);
  const edge = new EdgeStack(scope, config, service, data, monitoring);
  return { monitoring, network, data, service, edge };
}
