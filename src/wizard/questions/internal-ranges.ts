/**
 * The internal ranges of a region (`internalCidrs`), asked where leaving them to
 * the default would be a problem: a VPC outside RFC 1918 makes the default name
 * that VPC, so every egress and DMZ stack of the region would change whenever
 * such a VPC comes or goes (rule default-internal-ranges). Asked once every
 * region is answered, since a later region's VPCs count too. A region whose base
 * lists its ranges was asked already, with its own VPCs (region.ts).
 */
import { blocksOf, contains, format, parseCidr, RFC1918, SHARED_ADDRESS_SPACE } from '../../blueprint/cidr';
import { defaultInternalRanges } from '../../blueprint/rules/warnings';
import { vpcsOf } from '../../blueprint/walk';
import type { Blueprint } from '../../blueprint/schema';
import { describePath } from '../field-check';
import { NONE, optionalList } from './parse';
import type { Session } from './session';

export async function askInternalRanges(s: Session): Promise<void> {
  const warned = defaultInternalRanges.check(s.draft);
  if (warned.length === 0) return;
  const outside = vpcsOf(s.draft).filter((v) => warned.some((w) => w.path.join('/') === [...v.path, 'cidr'].join('/')));
  s.prompter.note('Internal ranges: what the egress and DMZ VPCs route back to the TGW after inspection', 'heading');
  s.prompter.note(
    `${outside.map((v) => `${describePath(v.path)} (${v.cidr})`).join(', ')} ${outside.length === 1 ? 'is' : 'are'} outside RFC 1918. Listing the ranges keeps the egress and DMZ stacks unchanged when such a VPC is added or removed; by default every such VPC is listed by name.`,
  );
  for (const code of Object.keys(s.draft.regions)) {
    if (s.draft.regions[code].internalCidrs !== undefined) continue;
    const ranges = await s.text<string[] | undefined>({
      id: `internalCidrs.${code}`,
      message: `${code}: ranges routed back to the TGW after inspection (comma-separated; ${NONE} for the default)`,
      default: suggestedRanges(s.draft).join(', '),
      path: ['regions', code, 'internalCidrs'],
      parse: optionalList,
      set: (d, v) => {
        if (v) d.regions[code].internalCidrs = v;
        else delete d.regions[code].internalCidrs;
      },
    });
    if (ranges) s.draft.regions[code].internalCidrs = ranges;
  }
}

/** RFC 1918, plus shared address space or the VPC's own range for each VPC outside it. */
function suggestedRanges(bp: Blueprint): string[] {
  const ranges = [...RFC1918];
  const [shared] = blocksOf([SHARED_ADDRESS_SPACE]);
  const rfc1918 = blocksOf(RFC1918);
  for (const vpc of vpcsOf(bp)) {
    const parsed = parseCidr(vpc.cidr);
    if (!parsed.ok || rfc1918.some((r) => contains(r, parsed.block))) continue;
    const range = contains(shared, parsed.block) ? SHARED_ADDRESS_SPACE : format(parsed.block);
    if (!ranges.includes(range)) ranges.push(range);
  }
  return ranges;
}
