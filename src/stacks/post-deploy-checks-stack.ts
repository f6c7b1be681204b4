import type { NetworkModel, RegionModel } from '../blueprint/model';
import { TerraformOutput, type Construct } from '../cdk/core';
import { ReachabilityPath } from '../constructs/reachability-path';
import { nameTag } from '../constructs/tags';
import { NetworkStack } from './network-stack';
import { postDeployChecksAccount, regionPaths, type PathEnd } from './post-deploy-paths';
import { regionPrefix } from './names';
import { PATH_TAGS } from '../verify/post-deploy-checks';

export interface PostDeployChecksStackProps {
  readonly model: NetworkModel;
  readonly region: RegionModel;
}

/**
 * After deploy, AWS Reachability Analyzer confirms the proof: a path and an analysis
 * per representative flow (post-deploy-paths.ts), in the account that may analyse
 * paths across the Organization. Every ID comes from the other stacks' states,
 * read through remote-state blocks this stack declares itself (NetworkStack.readStateOf),
 * and every resource of another account is named by its ARN, as the analyzer asks.
 */
export class PostDeployChecksStack extends NetworkStack {
  constructor(scope: Construct, id: string, props: PostDeployChecksStackProps) {
    super(scope, id, { model: props.model, region: props.region, account: postDeployChecksAccount(props.model) });
    const { model, region } = props;
    const arnOf = (end: PathEnd) => {
      const value = this.readStateOf(end.stack).getString(end.output);
      return `arn:${this.partition}:ec2:${region.code}:${this.accountId(end.account)}:${end.kind}/${value}`;
    };
    const results: Record<string, unknown> = {};
    for (const planned of regionPaths(model, region).paths) {
      const name = `${regionPrefix(model, region)}-${planned.flowClass}`;
      const path = new ReachabilityPath(this, planned.id, {
        source: arnOf(planned.source),
        destination: arnOf(planned.destination),
        sourceAddress: planned.sourceAddress,
        destinationAddress: planned.destinationAddress,
        port: planned.port,
        ...(planned.through ? { through: [arnOf(planned.through)] } : {}),
        tags: {
          ...nameTag(name),
          [PATH_TAGS.flowClass]: planned.flowClass,
          [PATH_TAGS.source]: planned.source.side,
          [PATH_TAGS.destination]: planned.destination.side,
          [PATH_TAGS.predicted]: planned.predicted,
        },
      });
      results[planned.id] = {
        path_found: path.analysis.pathFound,
        status: path.analysis.status,
        predicted: planned.predicted,
        must_pass: planned.through ? 'the egress VPC attachment' : 'nothing (direct)',
      };
    }
    new TerraformOutput(this, 'reachability', {
      value: results,
      description: 'Per path: whether AWS found it (path_found) with the analysis status, and what verify proved of the flow',
    });
  }
}
