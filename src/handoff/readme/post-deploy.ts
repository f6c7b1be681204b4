/**
 * "After deploy: AWS confirms the proof": the Reachability Analyzer stacks of
 * `synth --post-deploy-checks`, what each path checks, how to read the results,
 * what has to be set up in the Organization first, and what the analyzer cannot
 * check (docs.aws.amazon.com/vpc/latest/reachability/how-reachability-analyzer-works.html,
 * multi-account.html, additional-detail-codes.html).
 */
import { postDeployChecksAccount, postDeployChecksStackName, regionPaths, type PlannedPath } from '../../stacks/post-deploy-paths';
import type { Section } from './context';
import { code, list, table } from './markdown';

const CLASS_WORDS: Readonly<Record<string, string>> = {
  'spoke-internet': 'spoke → internet',
  'dmz-internet': 'DMZ app subnet → internet',
  'spoke-spoke': 'spoke → spoke',
  'dmz-spoke': 'DMZ app subnet → spoke',
  'vpn-spoke': 'office → spoke',
  'internet-dmz': 'internet → DMZ',
  'inter-region': 'across regions',
};

const side = (name: string, prefix: string) => (name.startsWith(prefix) ? name.slice(prefix.length) : name);

export const postDeployChecks: Section = ({ model, stacks, accountNamed }) => {
  const regions = model.regions.filter((r) => stacks.some((s) => s.name === postDeployChecksStackName(model, r)));
  if (regions.length === 0) return [];
  const account = postDeployChecksAccount(model);
  const lines = [
    '## After deploy: AWS confirms the proof',
    '',
    `\`gwlb-blueprint verify\` proved every flow from the Terraform before anything existed. Once everything is applied, AWS Reachability Analyzer checks the deployed configuration itself: ` +
      `the last stack of each region creates a path per representative flow and runs one analysis of it, in account ${accountNamed(account)}. ` +
      'Each path is tagged with what verify proves of its flow (`gwlb-blueprint:verify-predicts`; verify refuses a folder whose tags say otherwise).',
    '',
    '**First, in the Organization\'s management account** (the paths cross accounts): enable trusted access for Reachability Analyzer (its console, or `aws organizations enable-aws-service-access --service-principal reachabilityanalyzer.networkinsights.amazonaws.com`)' +
      (model.postDeployChecks ? ` and, unless ${accountNamed(account)} is the management account, register it as a delegated administrator for Reachability Analyzer` : '') +
      '. Every account must be able to call CloudFormation in us-east-1 (the service deploys its roles there). Analyses are charged per analysis.',
    '',
  ];
  for (const region of regions) {
    const { paths, skipped } = regionPaths(model, region);
    const prefix = `${model.name}-${region.code}-`;
    lines.push(`### ${region.code}: ${code(postDeployChecksStackName(model, region))}`, '');
    lines.push(
      ...table(
        ['path', 'flow', 'from → to (addresses, TCP port)', 'must pass', 'verify proves'],
        paths.map((p: PlannedPath) => [
          code(p.id),
          CLASS_WORDS[p.flowClass],
          `${side(p.source.side, prefix)} (${p.sourceAddress}) → ${side(p.destination.side, prefix)} (${p.destinationAddress}), ${p.port}`,
          p.through ? 'the egress VPC attachment' : 'nothing: no path through it is asked for',
          p.predicted,
        ]),
      ),
      '',
    );
    for (const s of skipped) lines.push(`- No path for ${CLASS_WORDS[s.flowClass]}: ${s.why}.`);
    lines.push('');
  }
  lines.push(
    '**Reading the results.** `terraform output reachability` in each checks stack gives, per path, `path_found` (AWS found a path that passes what it must) and the analysis `status` (`succeeded` means the analysis ran, not that a path exists). ' +
      'Every path should be found. For each, open it in the console (Network Manager → Reachability Analyzer): the path\'s components should show the egress VPC\'s TGW attachment and a GWLB endpoint (`vpce-…`) of the fleet verify names, then the NAT gateway for internet flows; a direct spoke → spoke path shows no egress VPC attachment. ' +
      'A path not found comes with explanation codes that name the blocking route table, security group or network ACL. To analyse again after a change: `terraform apply -replace=aws_ec2_network_insights_analysis.<path>_analysis`.',
    '',
    '**What the analyzer cannot check.** It models configuration; it sends no packet and does not see what an appliance does:',
    '',
    '- A path through a GWLB endpoint does not include the GWLB or its appliances (additional detail `PATH_THROUGH_GWLB_NOT_CHECKED`): whether an appliance is healthy, its policy allows the flow, or it returns the packet is for the fleet\'s target health, alarms and logs.',
    '- Through a TGW route table it analyses TCP in the forward direction only: the return path, and whether it comes back through the same AZ\'s appliance (appliance mode), are what verify proved and the analyzer does not repeat.',
    '- One representative flow per class, from one address and port: verify covered every range and AZ choice.',
    `- ${list(['internet → DMZ', 'flows across regions'])} get no path (above). Once an ALB or instance with a public address serves a DMZ, check its ingress with \`aws ec2 create-network-insights-path --source <the DMZ stack's internet_gateway_id output> --destination <its network interface> --protocol tcp --destination-port 443\` and an analysis: the path must show the DMZ's GWLB endpoint.`,
    '- Accounts outside the Organization cannot take part: paths that would touch them are left out.',
    '',
  );
  return lines;
};
