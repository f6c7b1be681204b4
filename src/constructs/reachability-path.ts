import { Ec2NetworkInsightsAnalysis, Ec2NetworkInsightsPath } from '../cdk/aws';
import { Construct } from '../cdk/core';
import { terraformLiteralMap } from './terraform-literal';

export interface ReachabilityPathProps {
  /** ARN of the source (a resource of another account must be named by ARN). */
  readonly source: string;
  /** ARN of the destination. */
  readonly destination: string;
  /** The packet's addresses leaving the source, and the TCP port it is sent to. */
  readonly sourceAddress: string;
  readonly destinationAddress: string;
  readonly port: number;
  /** ARNs of intermediate components the path must traverse (a TGW attachment, a NAT gateway). @default any path */
  readonly through?: readonly string[];
  /** Tags, as the user's names make them (escaped here). */
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * An AWS Reachability Analyzer path and one analysis of it, run when it is applied
 * (`wait_for_completion`, the provider's default: the apply waits for the result).
 * The packet is scoped at the source (`filter_at_source`: addresses and port), so
 * the analysis answers for one flow; `filter_in_arns` keeps only paths that pass
 * the components named, and finds none if the flow goes around them.
 */
export class ReachabilityPath extends Construct {
  readonly path: Ec2NetworkInsightsPath;
  readonly analysis: Ec2NetworkInsightsAnalysis;

  constructor(scope: Construct, id: string, props: ReachabilityPathProps) {
    super(scope, id);
    const tags = terraformLiteralMap(props.tags);
    this.path = new Ec2NetworkInsightsPath(this, 'path', {
      source: props.source,
      destination: props.destination,
      protocol: 'tcp',
      filterAtSource: {
        sourceAddress: props.sourceAddress,
        destinationAddress: props.destinationAddress,
        destinationPortRange: { fromPort: props.port, toPort: props.port },
      },
      tags,
    });
    this.analysis = new Ec2NetworkInsightsAnalysis(this, 'analysis', {
      networkInsightsPathId: this.path.id,
      ...(props.through && props.through.length > 0 ? { filterInArns: [...props.through] } : {}),
      waitForCompletion: true,
      tags,
    });
  }
}
