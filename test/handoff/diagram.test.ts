/**
 * The topology diagram: one node per VPC (not per subnet), every fleet inside
 * the egress VPC, the TGW's route tables, and the inspected paths as styled
 * edges; and Mermaid that parses (checked here by structure; the SVG test in
 * svg.test.ts parses it with Mermaid itself where a renderer exists).
 */
import type { NetworkModel } from '../../src/blueprint/model';
import { mermaidId, PALETTE, renderMermaid } from '../../src/handoff/diagram';
import { MULTI_REGION_FILE, REFERENCE_FILE, SINGLE_ACCOUNT_FILE, modelOf, modelOfValue, referenceValue } from './support';

interface Parsed {
  /** Node and subgraph IDs with their labels, in order of declaration. */
  readonly nodes: Map<string, string>;
  readonly subgraphs: Map<string, string>;
  /** Parent subgraph of every node and subgraph. */
  readonly parent: Map<string, string | undefined>;
  readonly edges: { from: string; arrow: string; label?: string; to: string }[];
  readonly linkStyles: { indices: number[]; style: string }[];
  readonly classDefs: Set<string>;
  readonly classUses: { ids: string[]; cls: string }[];
  readonly lines: string[];
}

const ID = '(n_[a-z0-9_]+)';
const LABEL = '"([^"]*)"';

/** A strict reader of the Mermaid subset renderMermaid writes: any other line fails the test. */
function parse(source: string): Parsed {
  const lines = source.split('\n');
  expect(lines[lines.length - 1]).toBe('');
  lines.pop();
  let i = 0;
  if (lines[0] === '---') {
    i = lines.indexOf('---', 1) + 1;
    expect(i).toBeGreaterThan(1);
  }
  expect(lines[i]).toBe('flowchart LR');
  const parsed: Parsed = { nodes: new Map(), subgraphs: new Map(), parent: new Map(), edges: [], linkStyles: [], classDefs: new Set(), classUses: [], lines };
  const stack: string[] = [];
  const declare = (id: string, text: string, map: Map<string, string>) => {
    expect(parsed.nodes.has(id) || parsed.subgraphs.has(id)).toBe(false);
    map.set(id, text);
    parsed.parent.set(id, stack[stack.length - 1]);
  };
  for (const raw of lines.slice(i + 1)) {
    const line = raw.trim();
    let m: RegExpMatchArray | null;
    if (line.startsWith('%%') || line === 'direction LR') continue;
    if ((m = line.match(new RegExp(`^subgraph ${ID}\\[${LABEL}\\]$`)))) {
      declare(m[1], m[2], parsed.subgraphs);
      stack.push(m[1]);
    } else if (line === 'end') {
      expect(stack.length).toBeGreaterThan(0);
      stack.pop();
    } else if ((m = line.match(new RegExp(`^${ID}(?:\\[${LABEL}\\]|\\(${LABEL}\\)|\\(\\(${LABEL}\\)\\)|\\(\\[${LABEL}\\]\\))$`)))) {
      declare(m[1], m[2] ?? m[3] ?? m[4] ?? m[5], parsed.nodes);
    } else if ((m = line.match(new RegExp(`^${ID} (==>|<-\\.->|-\\.->|<==>|-->|~~~)(?:\\|${LABEL}\\|)? ${ID}$`)))) {
      parsed.edges.push({ from: m[1], arrow: m[2], ...(m[3] !== undefined ? { label: m[3] } : {}), to: m[4] });
    } else if ((m = line.match(/^classDef ([a-z]+) ([^;]+)$/))) {
      parsed.classDefs.add(m[1]);
    } else if ((m = line.match(new RegExp(`^class (${ID.slice(1, -1)}(?:,${ID.slice(1, -1)})*) ([a-z]+)$`)))) {
      parsed.classUses.push({ ids: m[1].split(','), cls: m[2] });
    } else if ((m = line.match(new RegExp(`^style ${ID} ([^;]+)$`)))) {
      expect(parsed.subgraphs.has(m[1])).toBe(true);
    } else if ((m = line.match(/^linkStyle ([\d,]+) ([^;]+)$/))) {
      parsed.linkStyles.push({ indices: m[1].split(',').map(Number), style: m[2] });
    } else {
      throw new Error(`unexpected Mermaid line: ${raw}`);
    }
  }
  expect(stack).toEqual([]);
  return parsed;
}

/** Every subgraph that holds `id`, innermost first. */
function ancestors(p: Parsed, id: string): string[] {
  const chain: string[] = [];
  for (let at = p.parent.get(id); at; at = p.parent.get(at)) chain.push(at);
  return chain;
}

function styleOf(p: Parsed, index: number): string | undefined {
  return p.linkStyles.find((s) => s.indices.includes(index))?.style;
}

function edge(p: Parsed, from: string, to: string): { arrow: string; style?: string; label?: string } {
  const index = p.edges.findIndex((e) => e.from === from && e.to === to);
  if (index < 0) throw new Error(`no edge ${from} → ${to}`);
  return { arrow: p.edges[index].arrow, style: styleOf(p, index), label: p.edges[index].label };
}

const id = (...parts: string[]) => mermaidId('eu-west-2', ...parts);
const INSPECTED = `stroke:${PALETTE.inspect},stroke-width:3px`;

describe('the diagram of the reference blueprint', () => {
  let model: NetworkModel;
  let source: string;
  let p: Parsed;
  beforeAll(() => {
    model = modelOf(REFERENCE_FILE);
    source = renderMermaid(model);
    p = parse(source);
  });

  it('is valid Mermaid by structure: balanced subgraphs, safe unique IDs, edges between declared things, styles that exist', () => {
    for (const e of p.edges) {
      expect(p.nodes.has(e.from) || p.subgraphs.has(e.from)).toBe(true);
      expect(p.nodes.has(e.to) || p.subgraphs.has(e.to)).toBe(true);
    }
    for (const use of p.classUses) {
      expect(p.classDefs).toContain(use.cls);
      for (const n of use.ids) expect(p.nodes.has(n)).toBe(true);
    }
    for (const style of p.linkStyles) for (const index of style.indices) expect(index).toBeLessThan(p.edges.length);
    // every node has exactly one class: one colour per kind of thing
    const classed = p.classUses.flatMap((u) => u.ids);
    expect([...classed].sort()).toEqual([...p.nodes.keys()].sort());
  });

  it('draws one subgraph per region, per account (with its ID) and per VPC, each VPC inside its account', () => {
    expect(p.subgraphs.get(id())).toContain('eu-west-2');
    for (const account of Object.values(model.accounts)) {
      expect(p.subgraphs.get(id('account', account.name))).toBe(`account ${account.name} · ${account.id}`);
      expect(p.parent.get(id('account', account.name))).toBe(id());
    }
    const region = model.regions[0];
    expect(ancestors(p, id('egress'))).toEqual([id('account', 'network'), id()]);
    for (const dmz of region.dmzs) {
      expect(p.subgraphs.get(id('dmz', dmz.name))).toBe(`DMZ ${dmz.name} · ${dmz.cidr}`);
      expect(ancestors(p, id('dmz', dmz.name))[0]).toBe(id('account', dmz.account));
    }
    for (const spoke of region.spokes) {
      expect(p.nodes.get(id('spoke', spoke.name))).toContain(`spoke ${spoke.name}<br/>${spoke.cidr}`);
      expect(ancestors(p, id('spoke', spoke.name))[0]).toBe(id('account', spoke.account));
    }
  });

  it('puts each fleet, its GWLB and its Auto Scaling group, inside the egress VPC', () => {
    expect(ancestors(p, id('fleet', 'cloudguard'))[0]).toBe(id('egress'));
    expect(ancestors(p, id('fleet', 'cloudguard', 'gwlb'))[0]).toBe(id('fleet', 'cloudguard'));
    expect(p.nodes.get(id('fleet', 'cloudguard', 'asg'))).toBe('Check Point CloudGuard<br/>c5.xlarge × 3–6<br/>Auto Scaling group');
  });

  it('draws the TGW with its three route tables in the TGW account, and the VPN on-premises', () => {
    expect(ancestors(p, id('tgw'))[0]).toBe(id('account', 'network'));
    for (const table of ['spokes', 'onprem', 'inspection']) expect(p.nodes.get(id('tgw', 'rt', table))).toMatch(new RegExp(`^route table ${table}<br/>`));
    expect(p.nodes.get(id('vpn', 'london-office'))).toBe('london-office<br/>Site-to-Site VPN · 203.0.113.10<br/>BGP ASN 65010');
    expect(ancestors(p, id('vpn', 'london-office'))[0]).toBe(id('onprem'));
  });

  it('aggregates per VPC: GWLB endpoints, NAT gateways and subnets are one node each, whatever the AZ count', () => {
    expect(p.nodes.get(id('egress', 'gwlbe'))).toBe('GWLB endpoints ×3<br/>fleet cloudguard');
    expect(p.nodes.get(id('egress', 'nat'))).toBe('NAT gateways ×3<br/>Internet gateway');
    for (const dmz of ['prod-dmz', 'partner-dmz']) expect(p.nodes.get(id('dmz', dmz, 'gwlbe'))).toBe('GWLB endpoints ×3<br/>fleet cloudguard');
    const twoAzs = referenceValue() as { regions: Record<string, { availabilityZones: string[] }> };
    twoAzs.regions['eu-west-2'].availabilityZones = ['euw2-az1', 'euw2-az2'];
    const smaller = parse(renderMermaid(modelOfValue(twoAzs)));
    expect(smaller.nodes.size).toBe(p.nodes.size);
    expect(smaller.edges.length).toBe(p.edges.length);
  });

  it('draws spoke → TGW spokes table → egress → fleet → NAT → internet as inspected edges', () => {
    const path = [id('spoke', 'prod-app'), id('tgw', 'rt', 'spokes'), id('egress', 'attachment'), id('egress', 'gwlbe'), id('egress', 'nat'), id('internet', 'out')];
    for (let i = 0; i + 1 < path.length; i++) expect(edge(p, path[i], path[i + 1])).toEqual({ arrow: '==>', style: INSPECTED, label: undefined });
    for (const spoke of ['prod-app', 'partner-app', 'internal-app']) expect(edge(p, id('spoke', spoke), id('tgw', 'rt', 'spokes')).style).toBe(INSPECTED);
    // the endpoints hand traffic to the fleet over GENEVE
    expect(edge(p, id('egress', 'gwlbe'), id('fleet', 'cloudguard', 'gwlb'))).toMatchObject({ arrow: '<-.->', label: 'GENEVE' });
    expect(edge(p, id('egress', 'gwlbe'), id('fleet', 'cloudguard', 'gwlb')).style).toContain(`stroke:${PALETTE.inspect}`);
    expect(p.nodes.get(id('egress', 'attachment'))).toContain('appliance mode on');
  });

  it('draws internet → DMZ IGW edge → GWLB endpoints → public subnets as inspected edges, the endpoints using the fleet', () => {
    for (const dmz of ['prod-dmz', 'partner-dmz']) {
      const path = [id('internet', 'in'), id('dmz', dmz, 'igw'), id('dmz', dmz, 'gwlbe'), id('dmz', dmz, 'subnets')];
      for (let i = 0; i + 1 < path.length; i++) expect(edge(p, path[i], path[i + 1]).style).toBe(INSPECTED);
      expect(p.nodes.get(id('dmz', dmz, 'igw'))).toBe('Internet gateway<br/>edge route table');
      expect(edge(p, id('dmz', dmz, 'gwlbe'), id('fleet', 'cloudguard', 'gwlb')).arrow).toBe('<-.->');
      // DMZs have a TGW table of their own, whose only route leads to inspection
      expect(edge(p, id('dmz', dmz, 'subnets'), id('tgw', 'rt', 'dmzs')).style).toBe(INSPECTED);
      expect(edge(p, id('tgw', 'rt', 'dmzs'), id('egress', 'attachment')).style).toBe(INSPECTED);
    }
  });

  it('draws VPN → TGW onprem table → egress as inspected edges, and the way back through the inspection table', () => {
    expect(edge(p, id('vpn', 'london-office'), id('tgw', 'rt', 'onprem')).style).toBe(INSPECTED);
    expect(edge(p, id('tgw', 'rt', 'onprem'), id('egress', 'attachment')).style).toBe(INSPECTED);
    const back = edge(p, id('tgw', 'rt', 'inspection'), id('egress', 'gwlbe'));
    expect(back.label).toBe('after inspection');
    // only the head at the inspection table is drawn
    expect(back.style).toContain('marker-end:none');
  });

  it('styles every thick edge as inspected and nothing else', () => {
    p.edges.forEach((e, i) => expect(styleOf(p, i) === INSPECTED).toBe(e.arrow === '==>'));
  });

  it('is the same text every time', () => {
    expect(renderMermaid(modelOf(REFERENCE_FILE))).toBe(source);
  });
});

describe('the diagram of other networks', () => {
  it('one subgraph per region and the TGW peering between them', () => {
    const model = modelOf(MULTI_REGION_FILE);
    const p = parse(renderMermaid(model));
    expect([...p.subgraphs.keys()].filter((s) => !p.parent.get(s))).toEqual([mermaidId('eu-west-1'), mermaidId('us-east-1')]);
    if (model.interRegion.peerings.length > 0) {
      const peering = edge(p, mermaidId('eu-west-1', 'tgw'), mermaidId('us-east-1', 'tgw'));
      expect(peering).toMatchObject({ arrow: '<==>', label: 'TGW peering' });
      expect(p.nodes.get(mermaidId('eu-west-1', 'tgw', 'rt', 'peer'))).toContain('from us-east-1: → egress');
    }
    // us-east-1 has no DMZ and no VPN: no inbound internet, no on-premises box
    expect(p.nodes.has(mermaidId('us-east-1', 'internet', 'in'))).toBe(false);
    expect(p.subgraphs.has(mermaidId('us-east-1', 'onprem'))).toBe(false);
    expect(p.nodes.get(mermaidId('us-east-1', 'tgw', 'rt', 'onprem'))).toBe('route table onprem<br/>no VPNs yet');
  });

  it('says when east-west traffic is not inspected', () => {
    const p = parse(renderMermaid(modelOf(SINGLE_ACCOUNT_FILE)));
    expect(p.nodes.get(mermaidId('us-east-1', 'tgw', 'rt', 'spokes'))).toContain('spokes ↔ spokes direct (east-west not inspected)');
    expect(p.nodes.get(mermaidId('us-east-1', 'vpn', 'lab-office'))).toContain('static 192.168.10.0/24');
  });
});

describe('mermaidId', () => {
  it('is safe for any blueprint name: prefixed, lower case, no punctuation', () => {
    expect(mermaidId('eu-west-2', 'spoke', 'end')).toBe('n_eu_west_2__spoke__end');
    expect(mermaidId('eu-west-2', 'vpn', 'office-x')).toBe('n_eu_west_2__vpn__office_x');
    expect(mermaidId('a-b', 'c')).not.toBe(mermaidId('a', 'b-c'));
  });
});
