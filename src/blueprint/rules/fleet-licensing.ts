import { error, warning, type Problem } from '../problems';
import { VENDOR_PROFILES } from '../vendors';
import { fleetsOf } from '../walk';
import type { Rule } from './rule';

/** An S3 object key the FortiOS bootstrap can name: no leading slash, no `..`, printable. */
const OBJECT_KEY = /^(?!\/)(?!.*\.\.)[A-Za-z0-9!_.*'()\/-]{1,1024}$/;

export const fleetLicensing: Rule = {
  id: 'fleet-licensing',
  description: 'licensing.model is one the vendor offers; Palo Alto and FortiGate BYOL (and FortiFlex) read their license from bootstrapBucket, which must be set; licensing.object is a FortiGate license key in that bucket; a FortiGate fleet of more than one on one license object is warned.',
  check(bp) {
    const problems: Problem[] = [];
    for (const { fleet, path } of fleetsOf(bp)) {
      const licensing = fleet.licensing;
      if (!licensing) continue;
      const at = [...path, 'licensing'];
      const offered = VENDOR_PROFILES[fleet.vendor].licensing;
      if (!offered.includes(licensing.model)) {
        problems.push(error(this.id, [...at, 'model'], licensing.model, `is not offered for ${fleet.vendor} (${offered.join(', ')})`));
        continue;
      }
      const fromBucket = licensing.model !== 'payg' && (fleet.vendor === 'paloalto' || fleet.vendor === 'fortinet');
      if (fromBucket && !fleet.bootstrapBucket) {
        const where = fleet.vendor === 'paloalto' ? 'license/authcodes' : (licensing.object ?? `license/${path[path.length - 1]}.lic`);
        problems.push(error(this.id, [...at, 'model'], licensing.model, `needs bootstrapBucket: the appliance reads its license from ${where} in that bucket at boot, so it never sits in Terraform or user data`));
      }
      // One license file or FortiFlex token serves one VM; fortinetdev's fgt_asg hands each
      // instance its own from a pool through a Lambda, which gwlb-blueprint does not build.
      if (fleet.vendor === 'fortinet' && licensing.model !== 'payg' && fleet.maxSize > 1) {
        problems.push(warning(this.id, [...at, 'model'], licensing.model, `every FortiGate of the fleet reads the same license object, which licenses one VM; up to ${fleet.maxSize} run: let FortiManager assign licenses or use payg`));
      }
      if (licensing.object !== undefined) {
        if (fleet.vendor !== 'fortinet' || licensing.model === 'payg') {
          problems.push(error(this.id, [...at, 'object'], licensing.object, 'only a FortiGate byol or fortiflex fleet names a license object'));
        } else if (!OBJECT_KEY.test(licensing.object)) {
          problems.push(error(this.id, [...at, 'object'], licensing.object, 'must be an S3 object key without a leading "/" or ".."'));
        }
      }
    }
    return problems;
  },
};
