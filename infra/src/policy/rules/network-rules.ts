import { asArray, isReferencedBy, nested, type PolicyRule, type SynthBlock } from '../policy-rule.js';

const ANYWHERE = new Set(['0.0.0.0/0', '::/0']);
/** The one port the internet may reach directly: a public HTTPS listener. */
const PUBLIC_LISTENER_PORT = 443;

interface Rule {
  readonly direction: 'ingress' | 'egress';
  readonly protocol: string;
  readonly from?: number;
  readonly to?: number;
  readonly cidrs: readonly string[];
  readonly description?: string;
  readonly label: string;
}

/** Every rule a block defines, whichever of the three provider forms it uses. */
function rulesOf(block: SynthBlock): Rule[] {
  const c = block.config;
  switch (block.type) {
    case 'aws_vpc_security_group_ingress_rule':
    case 'aws_vpc_security_group_egress_rule':
      return [
        {
          direction: block.type.endsWith('ingress_rule') ? 'ingress' : 'egress',
          protocol: String(c.ip_protocol),
          from: c.from_port,
          to: c.to_port,
          cidrs: [c.cidr_ipv4, c.cidr_ipv6].filter((x): x is string => typeof x === 'string'),
          description: c.description,
          label: block.name,
        },
      ];
    case 'aws_security_group_rule':
      return [
        {
          direction: c.type,
          protocol: String(c.protocol),
          from: c.from_port,
          to: c.to_port,
          cidrs: [...asArray<string>(c.cidr_blocks), ...asArray<string>(c.ipv6_cidr_blocks)],
          description: c.description,
          label: block.name,
        },
      ];
    default:
      return (['ingress', 'egress'] as const).flatMap((direction) =>
        asArray<Record<string, unknown>>(c[direction]).map((r, i) => ({
          direction,
          protocol: String(r.protocol),
          from: r.from_port as number | undefined,
          to: r.to_port as number | undefined,
          cidrs: [...asArray(r.cidr_blocks as string[]), ...asArray(r.ipv6_cidr_blocks as string[])],
          description: r.description as string | undefined,
          label: `${direction}[${i}]`,
        })),
      );
  }
}

const SG_TYPES = ['aws_security_group', 'aws_default_security_group', 'aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule', 'aws_security_group_rule'];

export const NETWORK_RULES: readonly PolicyRule[] = [
  {
    id: 'CMIPRO-SG-1',
    title: 'No ingress from 0.0.0.0/0 or ::/0 except TCP 443 on a public listener',
    nag: 'AwsSolutions-EC23',
    types: SG_TYPES,
    fix: 'Allow a security group, a prefix list or a narrow CIDR instead of the whole internet; only a public HTTPS listener (TCP 443) may be open to all.',
    check(block) {
      const open = rulesOf(block).filter(
        (r) => r.direction === 'ingress' && r.cidrs.some((c) => ANYWHERE.has(c)) && !(r.protocol === 'tcp' && r.from === PUBLIC_LISTENER_PORT && r.to === PUBLIC_LISTENER_PORT),
      );
      return open.length ? `open to the internet: ${open.map((r) => `${r.label} ${r.protocol} ${r.from ?? '*'}-${r.to ?? '*'}`).join(', ')}` : undefined;
    },
  },
  {
    id: 'CMIPRO-SG-2',
    title: 'Every security group and every rule has a description',
    nag: 'AwsSolutions-EC27',
    types: SG_TYPES.filter((t) => t !== 'aws_default_security_group'),
    fix: 'Set description on the group and on each rule: say what traffic it is for.',
    check(block) {
      const missing = rulesOf(block).filter((r) => !r.description?.trim()).map((r) => r.label);
      if (block.type === 'aws_security_group' && !String(block.config.description ?? '').trim()) missing.unshift('the group');
      if (block.type === 'aws_security_group' && block.config.description === 'Managed by Terraform') missing.unshift('the group (default description)');
      return missing.length ? `no description on ${missing.join(', ')}` : undefined;
    },
  },
  {
    id: 'CMIPRO-SG-3',
    title: 'No rule allows every protocol and port',
    types: SG_TYPES,
    fix: 'Replace ip_protocol "-1" with the TCP/UDP ports the traffic needs.',
    check(block) {
      const all = rulesOf(block).filter((r) => r.protocol === '-1' || r.protocol === 'all');
      return all.length ? `all-traffic rules: ${all.map((r) => r.label).join(', ')}` : undefined;
    },
  },
  {
    id: 'CMIPRO-VPC-1',
    title: 'Every VPC has flow logs',
    nag: 'AwsSolutions-VPC7',
    types: ['aws_vpc'],
    fix: 'Add aws_flow_log with vpc_id = this VPC and traffic_type "ALL" (the VpcNetwork construct does).',
    check(vpc, context) {
      return isReferencedBy(context, vpc, 'aws_flow_log', 'vpc_id') ? undefined : 'no flow log';
    },
  },
  {
    id: 'CMIPRO-VPC-2',
    title: "Every VPC's default security group is managed and has no rules",
    nag: 'NIST.800.53.R5-VPCDefaultSecurityGroupClosed',
    types: ['aws_vpc'],
    fix: 'Add aws_default_security_group for the VPC with ingress = [] and egress = [].',
    check(vpc, context) {
      const ref = context.ref(vpc, 'id');
      const sg = context.ofType('aws_default_security_group').find((b) => b.config.vpc_id === ref);
      if (!sg) return 'default security group not managed (AWS leaves it open inside the VPC)';
      return asArray(sg.config.ingress).length || asArray(sg.config.egress).length ? 'default security group has rules' : undefined;
    },
  },
  {
    id: 'CMIPRO-VPC-3',
    title: 'Subnets do not hand out public IPs',
    nag: 'NIST.800.53.R5-SubnetAutoAssignPublicIpDisabled',
    types: ['aws_subnet'],
    fix: 'Set map_public_ip_on_launch = false; only load balancers and NAT gateways get public addresses.',
    check(subnet) {
      return subnet.config.map_public_ip_on_launch === true ? 'map_public_ip_on_launch is true' : undefined;
    },
  },
  {
    id: 'CMIPRO-ELB-1',
    title: 'Load balancers log access and drop invalid headers',
    nag: 'AwsSolutions-ELB2',
    types: ['aws_lb', 'aws_alb'],
    fix: 'Set access_logs { enabled = true, bucket = <log bucket> } and drop_invalid_header_fields = true.',
    check(lb) {
      const problems: string[] = [];
      const logs = nested(lb.config.access_logs);
      if (!logs?.bucket || logs.enabled !== true) problems.push('access logs off');
      if ((lb.config.load_balancer_type ?? 'application') === 'application' && lb.config.drop_invalid_header_fields !== true) problems.push('invalid headers are forwarded');
      return problems.length ? problems.join('; ') : undefined;
    },
  },
  {
    id: 'CMIPRO-ELB-2',
    title: 'Listeners use HTTPS with a TLS 1.2+ policy (or only redirect to it)',
    nag: 'NIST.800.53.R5-ALBHttpToHttpsRedirection',
    types: ['aws_lb_listener', 'aws_alb_listener'],
    fix: 'Use protocol "HTTPS" with ssl_policy "ELBSecurityPolicy-TLS13-1-2-2021-06" (or another TLS13-1-2 policy); an HTTP listener may only redirect to HTTPS.',
    check(listener) {
      const c = listener.config;
      if (c.protocol === 'HTTP') {
        const actions = asArray<Record<string, unknown>>(c.default_action);
        const redirects = actions.length > 0 && actions.every((a) => a.type === 'redirect' && nested(a.redirect)?.protocol === 'HTTPS');
        return redirects ? undefined : 'plain HTTP listener that does not redirect to HTTPS';
      }
      if (c.protocol === 'HTTPS' && !/TLS13-1-2|TLS-1-2/.test(String(c.ssl_policy ?? ''))) return `ssl_policy '${c.ssl_policy ?? '(default, allows TLS 1.0)'}' allows TLS below 1.2`;
      return undefined;
    },
  },
];
