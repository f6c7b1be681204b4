/**
 * Central flow logs: every VPC's flow log and a flow log of every TGW delivered to
 * one S3 bucket of a log-archive account, which the bucket policy in the hand-off
 * README admits; verify's EC2.6 still counts them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { synthesizeNetwork } from '../../src/synth/synthesize';
import { verifySynthFolder } from '../../src/verify';
import { copy, stackEnding, verifyStacks } from '../verify/support';
import { parseIntent } from '../../src/verify/intent';
import { reference } from '../helpers/blueprints';
import { modelOfValue, resources, synthStacks } from './support';

function withCentralLogs() {
  const bp = reference();
  bp.accounts.archive = { id: '999999999999' };
  bp.centralFlowLogs = { account: 'archive', bucket: 'acme-flow-logs', prefix: 'network/eu' };
  return bp;
}

describe('central flow logs', () => {
  const model = modelOfValue(withCentralLogs());
  const stacks = synthStacks(model);
  const vpcStacks = Object.entries(stacks).filter(([name]) => !name.endsWith('-hub'));

  it('deliver every VPC\'s flow log (all traffic) to the bucket, with no log group or delivery role left', () => {
    expect(vpcStacks.length).toBe(6);
    for (const [name, stack] of vpcStacks) {
      const logs = Object.values(resources(stack, 'aws_flow_log'));
      expect({ name, logs }).toEqual({
        name,
        logs: [
          expect.objectContaining({ vpc_id: '${aws_vpc.vpc_vpc.id}', traffic_type: 'ALL', log_destination_type: 's3', log_destination: 'arn:aws:s3:::acme-flow-logs/network/eu', max_aggregation_interval: 60 }),
        ],
      });
      expect(logs[0].iam_role_arn).toBeUndefined();
      expect(Object.keys(resources(stack, 'aws_cloudwatch_log_group')).filter((k) => k.includes('flow_logs'))).toEqual([]);
      expect(Object.keys(resources(stack, 'aws_iam_role')).filter((k) => k.includes('flow_logs'))).toEqual([]);
    }
  });

  it('add a flow log of the TGW, made by its owner, without a traffic type and over 60 s (all a TGW flow log takes)', () => {
    const [hubName, hub] = Object.entries(stacks).find(([name]) => name.endsWith('-hub'))!;
    const logs = resources(hub, 'aws_flow_log');
    expect(Object.keys(logs)).toEqual(['tgw_flow_log']);
    expect(logs.tgw_flow_log).toMatchObject({ transit_gateway_id: '${aws_ec2_transit_gateway.hub_tgw.id}', log_destination_type: 's3', log_destination: 'arn:aws:s3:::acme-flow-logs/network/eu', max_aggregation_interval: 60 });
    expect(logs.tgw_flow_log.traffic_type).toBeUndefined();
    expect(logs.tgw_flow_log.provider).toBeUndefined();
    expect(hubName).toBe('acme-eu-west-2-hub');
  });

  it('still pass EC2.6, and fail it when one VPC loses its flow log', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gwlb-central-logs-'));
    try {
      const { folder } = synthesizeNetwork(model, { outdir: dir });
      const result = verifySynthFolder(folder);
      expect(result.controls.find((c) => c.id === 'EC2.6')).toMatchObject({ ok: true, checked: 6, failures: [] });
      const raw = Object.fromEntries(folder.stacks.map((s) => [s.name, JSON.parse(readFileSync(path.join(dir, s.file), 'utf8'))]));
      const broken = copy(raw);
      delete stackEnding(broken, '-spoke-prod-app').resource.aws_flow_log;
      const failed = verifyStacks(broken, parseIntent(folder.intent));
      expect(failed.controls.find((c) => c.id === 'EC2.6')?.failures).toEqual([expect.stringMatching(/spoke-prod-app\/aws_vpc\.vpc_vpc: no flow log$/)]);

      // The hand-off README gives the bucket owner the policy: delivery may write under each writer's folder, from its accounts only.
      const readme = readFileSync(path.join(dir, 'README.md'), 'utf8');
      expect(readme).toContain('## Central flow logs');
      expect(readme).toContain('the log-archive account archive (999999999999)');
      const policy = JSON.parse(/## Central flow logs[\s\S]*?```json\n([\s\S]*?)\n```/.exec(readme)![1]);
      const writers = ['111111111111', '222222222222', '333333333333', '444444444444'];
      expect(policy.Statement[0]).toMatchObject({
        Principal: { Service: 'delivery.logs.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: writers.map((a) => `arn:aws:s3:::acme-flow-logs/network/eu/AWSLogs/${a}/*`),
        Condition: { StringEquals: { 'aws:SourceAccount': writers, 's3:x-amz-acl': 'bucket-owner-full-control' }, ArnLike: { 'aws:SourceArn': writers.map((a) => `arn:aws:logs:eu-west-2:${a}:*`) } },
      });
      expect(policy.Statement[1]).toMatchObject({ Action: ['s3:GetBucketAcl', 's3:ListBucket'], Resource: 'arn:aws:s3:::acme-flow-logs' });
      expect(readme).toContain('**The flow log bucket policy** on `acme-flow-logs`');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without the field, flow logs stay in CloudWatch Logs and the TGW has none', () => {
    const plain = synthStacks(modelOfValue(reference()));
    const spoke = plain['acme-eu-west-2-spoke-prod-app'];
    expect(Object.values(resources(spoke, 'aws_flow_log'))[0]).toMatchObject({ log_destination_type: 'cloud-watch-logs' });
    expect(resources(plain['acme-eu-west-2-hub'], 'aws_flow_log')).toEqual({});
  });
});
