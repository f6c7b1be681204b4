import type { NetworkModel, RegionModel } from '../blueprint/model';
import { AwsProvider } from '../cdk/aws';
import { DataTerraformRemoteStateLocal, DataTerraformRemoteStateS3, LocalBackend, ResolveOnceStack, S3Backend, type Construct, type Node, type TerraformElement } from '../cdk/core';
import { restoreProtoKeys, terraformLiteral, terraformLiteralMap } from '../constructs/terraform-literal';
import { partitionOf } from './names';

export interface NetworkStackProps {
  readonly model: NetworkModel;
  readonly region: RegionModel;
  /** The account whose credentials the stack's default provider uses. */
  readonly account: string;
}

/** The Terraform every stack requires (`terraform.required_version`). */
export const REQUIRED_TERRAFORM = '>= 1.11';

/** Where the local backend keeps state, relative to a stack's folder (`<out>/stacks/<stack>/`). */
export const LOCAL_STATE_DIR = '../../state';

/**
 * What every stack shares: one Terraform state (local inside the output folder,
 * or S3 with a lock file), an AWS provider for its home account and one alias per
 * other account it acts in, and logical IDs that read like the construct tree.
 * Each element is resolved once in synthesis (cdk/resolve-once.ts).
 */
export class NetworkStack extends ResolveOnceStack {
  readonly model: NetworkModel;
  readonly region: RegionModel;
  readonly account: string;
  readonly partition: string;
  private readonly aliases = new Map<string, AwsProvider>();
  private readonly logicalIds = new Map<string, string>();
  /** Each node's logical ID once allocated: cdktf asks again at every friendlyUniqueId (every reference, every pass). */
  private readonly allocated = new Map<Node, string>();
  private readonly extraFiles = new Map<string, string>();
  private readonly stateReads = new Map<string, DataTerraformRemoteStateLocal | DataTerraformRemoteStateS3>();

  constructor(scope: Construct, id: string, props: NetworkStackProps) {
    super(scope, id);
    this.model = props.model;
    this.region = props.region;
    this.account = props.account;
    this.partition = partitionOf(props.region.code);
    // The S3 backend locks with `use_lockfile`, experimental in Terraform 1.10 and generally
    // available from 1.11 (hashicorp/terraform #35661, 1.11.0 changelog); the proof and the
    // hand-off are made with 1.11. An older Terraform stops at init instead of half-applying.
    this.addOverride('terraform.required_version', REQUIRED_TERRAFORM);
    const state = props.model.state;
    // Backend settings are plain strings in Terraform JSON but templates in HCL, so no one
    // escape fits both; the state-backend rule admits no `$`, `%` or `{` in them instead.
    if (state.backend === 's3') {
      new S3Backend(this, { bucket: state.bucket, key: `${state.keyPrefix}/${id}.tfstate`, region: state.region, encrypt: true });
      // A lock object beside the state; no DynamoDB table to manage.
      this.addOverride('terraform.backend.s3.use_lockfile', true);
    } else {
      new LocalBackend(this, { path: `${LOCAL_STATE_DIR}/${id}.tfstate` });
    }
    new AwsProvider(this, 'aws', this.providerConfig(props.account));
  }

  /** A `__proto__` tag key crosses cdktf as a placeholder (constructs/terraform-literal.ts); here it becomes itself again. */
  protected finishJson(text: string): string {
    return restoreProtoKeys(text);
  }

  /**
   * Another stack's outputs, read through a `terraform_remote_state` of its backend that this stack
   * declares itself: no cdktf cross-stack reference, so the producer need not be built in the same
   * app. The manifest still applies the producer first (`stateDependencies`, recorded by synthesis).
   */
  readStateOf(stack: string): DataTerraformRemoteStateLocal | DataTerraformRemoteStateS3 {
    let read = this.stateReads.get(stack);
    if (!read) {
      const state = this.model.state;
      const id = `state_${stack}`;
      read =
        state.backend === 's3'
          ? new DataTerraformRemoteStateS3(this, id, { bucket: state.bucket, key: `${state.keyPrefix}/${stack}.tfstate`, region: state.region })
          : new DataTerraformRemoteStateLocal(this, id, { path: `${LOCAL_STATE_DIR}/${stack}.tfstate` });
      this.stateReads.set(stack, read);
    }
    return read;
  }

  /** The stacks whose state `readStateOf` reads, sorted. */
  get stateDependencies(): string[] {
    return [...this.stateReads.keys()].sort();
  }

  /** A file written beside the stack's Terraform, at `path` relative to its folder. */
  addFile(path: string, content: string): void {
    if (this.extraFiles.has(path)) throw new Error(`internal: ${this.node.id} writes ${path} twice`);
    this.extraFiles.set(path, content);
  }

  get files(): ReadonlyMap<string, string> {
    return this.extraFiles;
  }

  /** The central flow log bucket as a destination ARN (`arn:aws:s3:::bucket/folder`), when the blueprint names one. */
  get flowLogBucketArn(): string | undefined {
    const logs = this.model.centralFlowLogs;
    if (!logs) return undefined;
    return `arn:${this.partition}:s3:::${terraformLiteral(logs.bucket)}${logs.prefix ? `/${terraformLiteral(logs.prefix)}` : ''}`;
  }

  accountId(account: string): string {
    const found = this.model.accounts[account];
    if (!found) throw new Error(`internal: unknown account ${account}`);
    return found.id;
  }

  /**
   * The provider for `account` (in `region`, by default the stack's): undefined (the
   * default provider) for the home account, else an alias named after the account
   * (and the region, when it is not the stack's).
   */
  providerFor(account: string, region: string = this.region.code): AwsProvider | undefined {
    if (account === this.account && region === this.region.code) return undefined;
    const alias = region === this.region.code ? account : `${account}_${region.replace(/-/g, '_')}`;
    let provider = this.aliases.get(alias);
    if (!provider) {
      provider = new AwsProvider(this, `aws_${alias}`, { ...this.providerConfig(account, region), alias });
      this.aliases.set(alias, provider);
    }
    return provider;
  }

  /**
   * The tags every resource of the stack carries through the provider's default_tags;
   * also what the few resources default_tags does not reach (launch template tag
   * specifications, Auto Scaling groups) must be given explicitly. As the user typed
   * them: whatever writes them into Terraform escapes them once (terraformLiteralMap).
   */
  get defaultTags(): Record<string, string> {
    return { ManagedBy: 'gwlb-blueprint', 'gwlb-blueprint:network': this.model.name, ...this.model.tags };
  }

  private providerConfig(account: string, region: string = this.region.code) {
    const { model } = this;
    const spec = model.accounts[account];
    return {
      region,
      // Refuses to run with credentials for any other account: a wrong profile cannot touch the wrong estate.
      allowedAccountIds: [spec.id],
      ...(spec.roleArn ? { assumeRole: [{ roleArn: terraformLiteral(spec.roleArn), sessionName: `gwlb-blueprint-${model.name}` }] } : {}),
      defaultTags: [{ tags: terraformLiteralMap(this.defaultTags) }],
    };
  }

  /** `vpc/subnet_public_az1` → `vpc_subnet_public_az1`: readable, and stable for as long as the names are. */
  protected allocateLogicalId(element: TerraformElement | Node): string {
    const node = 'node' in element ? element.node : element;
    const known = this.allocated.get(node);
    if (known !== undefined) return known;
    const scopes = node.scopes;
    const components = scopes.slice(scopes.indexOf(this) + 1).map((c) => c.node.id);
    let id = components.join('_').replace(/[^A-Za-z0-9_]/g, '_');
    if (!/^[A-Za-z_]/.test(id)) id = `_${id}`;
    const path = node.path;
    const owner = this.logicalIds.get(id);
    if (owner !== undefined && owner !== path) throw new Error(`internal: logical ID ${id} of ${path} is also used by ${owner}`);
    this.logicalIds.set(id, path);
    this.allocated.set(node, id);
    return id;
  }
}
