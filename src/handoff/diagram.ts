/**
 * The topology diagram of a network, as Mermaid (`flowchart LR`), drawn from the
 * network model alone so that `gwlb-blueprint diagram` needs no synthesis.
 *
 * One subgraph per region; inside it one per account holding that account's
 * VPCs (and the TGW in its owner's account); the TGW's three route tables;
 * every fleet (GWLB + ASG) inside the egress VPC; one node per kind of thing
 * per VPC (GWLB endpoints ×3, not three endpoints), so the picture stays
 * readable on a slide however many AZs there are. Thick red edges are the
 * inspected paths; dashed grey edges are where inspected traffic goes back.
 *
 * Output is deterministic (no dates, no paths): it is part of the golden output.
 */
import type { FleetModel, NetworkModel, RegionModel, VpcModel } from '../blueprint/model';
import { peeringsOf, subnetsOf, vpcsOfRegion } from '../blueprint/model';
import type { Vendor } from '../blueprint/schema';

/** Short enough for a box on a slide. */
const VENDOR_NAMES: Readonly<Record<Vendor, string>> = {
  checkpoint: 'Check Point CloudGuard',
  paloalto: 'Palo Alto VM-Series',
  fortinet: 'Fortinet FortiGate',
  generic: 'GENEVE appliances (gwlbtun)',
};

/** Colours: inspection in one red, the TGW in blue, on-premises in violet. */
export const PALETTE = {
  inspect: '#c92a2a',
  inspectFill: '#ffe3e3',
  tgw: '#1864ab',
  tgwFill: '#d0ebff',
  onprem: '#5f3dc4',
  onpremFill: '#e5dbff',
  workload: '#2b8a3e',
  workloadFill: '#d3f9d8',
  gateway: '#495057',
  gatewayFill: '#f1f3f5',
  return: '#868e96',
} as const;

type EdgeKind = 'inspected' | 'geneve' | 'return' | 'peering';

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  readonly label?: string;
}

/** Mermaid IDs: blueprint names are `[a-z][a-z0-9-]*`, so `-` → `_` cannot collide; a prefix keeps them off keywords (`end`) and off `o`/`x` (read as arrow heads). */
export function mermaidId(...parts: string[]): string {
  return `n_${parts.map((p) => p.toLowerCase().replace(/[^a-z0-9]/g, '_')).join('__')}`;
}

/** A quoted label; Mermaid has no backslash escapes, only entity codes. */
function label(...lines: string[]): string {
  const text = lines
    .filter((l) => l.length > 0)
    .map((l) => l.replace(/&/g, '#amp;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;'))
    .join('<br/>');
  return `"${text}"`;
}

const times = (n: number) => (n === 1 ? '' : ` ×${n}`);

class Writer {
  readonly lines: string[] = [];
  private depth = 1;
  readonly edges: Edge[] = [];
  readonly classes = new Map<string, string[]>();
  readonly subgraphStyles: string[] = [];

  line(text: string): void {
    this.lines.push(`${'  '.repeat(this.depth)}${text}`);
  }

  node(id: string, text: string, cls: string, shape: 'box' | 'round' | 'circle' | 'stadium' = 'box'): void {
    const [open, close] = { box: ['[', ']'], round: ['(', ')'], circle: ['((', '))'], stadium: ['([', '])'] }[shape];
    this.line(`${id}${open}${text}${close}`);
    const list = this.classes.get(cls) ?? [];
    list.push(id);
    this.classes.set(cls, list);
  }

  subgraph(id: string, text: string, style: string, body: () => void, direction?: 'LR' | 'TB'): void {
    this.line(`subgraph ${id}[${text}]`);
    this.depth++;
    // Mermaid lays out a subgraph with no edge leaving it on its own, top to bottom unless told.
    if (direction) this.line(`direction ${direction}`);
    body();
    this.depth--;
    this.line('end');
    this.subgraphStyles.push(`style ${id} ${style}`);
  }

  edge(from: string, to: string, kind: EdgeKind, text?: string): void {
    this.edges.push({ from, to, kind, ...(text ? { label: text } : {}) });
  }
}

/** `return` is written table → endpoints (so dagre keeps the table in the TGW column) with only its head at the table drawn. */
const ARROWS: Readonly<Record<EdgeKind, string>> = { inspected: '==>', geneve: '<-.->', return: '<-.->', peering: '<==>' };

const LINK_STYLES: Readonly<Record<EdgeKind, string>> = {
  inspected: `stroke:${PALETTE.inspect},stroke-width:3px`,
  geneve: `stroke:${PALETTE.inspect},stroke-width:2px,stroke-dasharray:4 3`,
  return: `stroke:${PALETTE.return},stroke-width:2px,stroke-dasharray:6 4,marker-end:none`,
  peering: `stroke:${PALETTE.tgw},stroke-width:3px`,
};

const CLASS_DEFS: Readonly<Record<string, string>> = {
  inspect: `fill:${PALETTE.inspectFill},stroke:${PALETTE.inspect},stroke-width:2px,color:#000`,
  tgw: `fill:${PALETTE.tgwFill},stroke:${PALETTE.tgw},stroke-width:2px,color:#000`,
  workload: `fill:${PALETTE.workloadFill},stroke:${PALETTE.workload},color:#000`,
  gateway: `fill:${PALETTE.gatewayFill},stroke:${PALETTE.gateway},color:#000`,
  onprem: `fill:${PALETTE.onpremFill},stroke:${PALETTE.onprem},stroke-width:2px,color:#000`,
  internet: `fill:#ffffff,stroke:${PALETTE.gateway},stroke-width:2px,color:#000`,
};

const SUBGRAPH_STYLES = {
  region: 'fill:#ffffff,stroke:#343a40,stroke-width:2px,color:#000',
  account: 'fill:#f8f9fa,stroke:#adb5bd,stroke-width:1px,stroke-dasharray:5 5,color:#000',
  vpc: 'fill:#ffffff,stroke:#495057,stroke-width:1.5px,color:#000',
  tgw: `fill:#e7f5ff,stroke:${PALETTE.tgw},stroke-width:1.5px,color:#000`,
  fleet: `fill:#fff5f5,stroke:${PALETTE.inspect},stroke-width:2px,color:#000`,
  onprem: `fill:#f3f0ff,stroke:${PALETTE.onprem},stroke-width:1px,color:#000`,
} as const;

/**
 * Layout settings carried by the diagram itself, so GitHub, mermaid.live and the
 * SVG renderer draw the same picture (Mermaid 12 would otherwise pick ELK).
 */
const FRONTMATTER = ['---', 'config:', '  look: classic', '  layout: dagre', '  flowchart:', '    curve: basis', '    nodeSpacing: 24', '    rankSpacing: 36', '---'];

/** The Mermaid source of the whole network. */
export function renderMermaid(model: NetworkModel): string {
  const w = new Writer();
  for (const region of model.regions) drawRegion(w, model, region);
  for (const p of model.interRegion?.peerings ?? []) {
    const inspected = p.inspectedBy.length === 2 ? '' : `inspected in ${p.inspectedBy.join(', ')}`;
    w.edge(mermaidId(p.requester, 'tgw'), mermaidId(p.accepter, 'tgw'), 'peering', `TGW peering${inspected ? ` · ${inspected}` : ''}`);
  }

  const out = [...FRONTMATTER, 'flowchart LR', `  %% ${model.name}: network topology written by gwlb-blueprint from the blueprint; regenerate, do not edit.`];
  out.push(...w.lines);
  w.edges.forEach((e) => out.push(`  ${e.from} ${ARROWS[e.kind]}${e.label ? `|${label(e.label)}|` : ''} ${e.to}`));
  for (const [cls, style] of Object.entries(CLASS_DEFS)) out.push(`  classDef ${cls} ${style}`);
  for (const [cls, ids] of w.classes) out.push(`  class ${ids.join(',')} ${cls}`);
  out.push(...w.subgraphStyles.map((s) => `  ${s}`));
  for (const kind of Object.keys(LINK_STYLES) as EdgeKind[]) {
    const indices = w.edges.flatMap((e, i) => (e.kind === kind ? [i] : []));
    if (indices.length > 0) out.push(`  linkStyle ${indices.join(',')} ${LINK_STYLES[kind]}`);
  }
  return `${out.join('\n')}\n`;
}

interface RegionIds {
  readonly rt: Readonly<Record<'spokes' | 'dmzs' | 'onprem' | 'inspection', string>>;
  readonly egressAttachment: string;
  readonly egressEndpoints: string;
  readonly fleetGwlb: (fleet: string) => string;
}

function drawRegion(w: Writer, model: NetworkModel, region: RegionModel): void {
  const r = region.code;
  const id = (...parts: string[]) => mermaidId(r, ...parts);
  const ids: RegionIds = {
    rt: { spokes: id('tgw', 'rt', 'spokes'), dmzs: id('tgw', 'rt', 'dmzs'), onprem: id('tgw', 'rt', 'onprem'), inspection: id('tgw', 'rt', 'inspection') },
    egressAttachment: id('egress', 'attachment'),
    egressEndpoints: id('egress', 'gwlbe'),
    fleetGwlb: (fleet) => id('fleet', fleet, 'gwlb'),
  };
  const azCount = region.azs.length;
  const inetIn = id('internet', 'in');
  const inetOut = id('internet', 'out');

  w.subgraph(id(), label(`${model.name} · ${r} · ${azCount} AZ${azCount === 1 ? '' : 's'}: ${region.azs.map((a) => a.value).join(', ')}`), SUBGRAPH_STYLES.region, () => {
    if (region.dmzs.length > 0) w.node(inetIn, label('Internet', 'inbound'), 'internet', 'circle');

    const vpcs = vpcsOfRegion(region);
    const accounts = Object.values(model.accounts).filter(
      (a) => a.name === region.transitGateway.account || vpcs.some((v) => v.account === a.name),
    );
    // The TGW account last: dagre then fans the attachments into the TGW without crossing its route tables (checked by eye).
    accounts.sort((a, b) => Number(a.name === region.transitGateway.account) - Number(b.name === region.transitGateway.account));
    for (const account of accounts) {
      w.subgraph(id('account', account.name), label(`account ${account.name} · ${account.id}`), SUBGRAPH_STYLES.account, () => {
        if (account.name === region.transitGateway.account) drawTransitGateway(w, model, region, ids, id);
        for (const vpc of vpcs.filter((v) => v.account === account.name)) {
          if (vpc.role === 'egress') drawEgress(w, region, vpc, ids, id, inetOut);
          else if (vpc.role === 'dmz') drawDmz(w, region, vpc, ids, id, inetIn);
          else drawSpoke(w, vpc, ids, id);
        }
      });
    }
    if (region.vpns.length > 0) {
      w.subgraph(id('onprem'), label('On-premises'), SUBGRAPH_STYLES.onprem, () => {
        for (const vpn of region.vpns) {
          const routing = vpn.staticRoutesOnly ? `static ${vpn.cidrs.join(', ')}` : `BGP ASN ${vpn.bgpAsn}`;
          w.node(id('vpn', vpn.name), label(`${vpn.name}`, `Site-to-Site VPN · ${vpn.customerGatewayIp}`, routing), 'onprem', 'stadium');
        }
      });
    }
    w.node(inetOut, label('Internet', 'outbound'), 'internet', 'circle');
    for (const vpn of region.vpns) {
      w.edge(id('vpn', vpn.name), ids.rt.onprem, 'inspected');
    }
  }, 'LR');
}

type IdOf = (...parts: string[]) => string;

function drawTransitGateway(w: Writer, model: NetworkModel, region: RegionModel, ids: RegionIds, id: IdOf): void {
  w.subgraph(id('tgw'), label(`Transit Gateway · ASN ${region.transitGateway.amazonSideAsn}`), SUBGRAPH_STYLES.tgw, () => {
    const direct = region.eastWest ? '' : 'spokes ↔ spokes direct (east-west not inspected)';
    w.node(ids.rt.inspection, label('route table inspection', 'egress associates', 'routes back to every attachment'), 'tgw', 'round');
    if (region.vpns.length > 0) w.node(ids.rt.onprem, label('route table onprem', 'VPNs associate', `VPC CIDRs${region.onprem.internet ? ' and 0.0.0.0/0' : ''} → egress`), 'tgw', 'round');
    else w.node(ids.rt.onprem, label('route table onprem', 'no VPNs yet'), 'tgw', 'round');
    w.node(ids.rt.spokes, label('route table spokes', 'spokes associate', '0.0.0.0/0 → egress', direct), 'tgw', 'round');
    if (region.dmzs.length > 0) w.node(ids.rt.dmzs, label('route table dmzs', 'DMZs associate', '0.0.0.0/0 → egress'), 'tgw', 'round');
    const peers = peeringsOf(model, region.code);
    if (peers.length > 0) {
      const inspects = peers.filter((p) => p.peering.inspectedBy.includes(region.code)).map((p) => p.peer);
      const direct = peers.filter((p) => !p.peering.inspectedBy.includes(region.code)).map((p) => p.peer);
      w.node(
        id('tgw', 'rt', 'peer'),
        label(
          `peering route table${peers.length === 1 ? '' : `s ×${peers.length}`}`,
          inspects.length > 0 ? `from ${inspects.join(', ')}: → egress` : '',
          direct.length > 0 ? `from ${direct.join(', ')}: direct (inspected there)` : '',
        ),
        'tgw',
        'round',
      );
    }
  });
  if (peeringsOf(model, region.code).some((p) => p.peering.inspectedBy.includes(region.code))) w.edge(id('tgw', 'rt', 'peer'), ids.egressAttachment, 'inspected');
  w.edge(ids.rt.spokes, ids.egressAttachment, 'inspected');
  if (region.dmzs.length > 0) w.edge(ids.rt.dmzs, ids.egressAttachment, 'inspected');
  if (region.vpns.length > 0) w.edge(ids.rt.onprem, ids.egressAttachment, 'inspected');
}

function drawEgress(w: Writer, region: RegionModel, vpc: VpcModel, ids: RegionIds, id: IdOf, inetOut: string): void {
  const n = region.azs.length;
  const nat = id('egress', 'nat');
  w.subgraph(id('egress'), label(`egress VPC · ${vpc.cidr}`), SUBGRAPH_STYLES.vpc, () => {
    w.node(ids.egressAttachment, label('TGW attachment', 'appliance mode on'), 'tgw');
    w.node(ids.egressEndpoints, label(`GWLB endpoints${times(n)}`, `fleet ${vpc.fleet}`), 'inspect');
    for (const fleet of region.fleets) drawFleet(w, fleet, ids, id, subnetsOf(vpc, 'appliance').length);
    w.node(nat, label(`NAT gateways${times(subnetsOf(vpc, 'public').length)}`, 'Internet gateway'), 'gateway');
  });
  w.edge(ids.egressAttachment, ids.egressEndpoints, 'inspected');
  w.edge(ids.egressEndpoints, ids.fleetGwlb(vpc.fleet!), 'geneve', 'GENEVE');
  w.edge(ids.egressEndpoints, nat, 'inspected');
  w.edge(nat, inetOut, 'inspected');
  // Written inspection → endpoints so the table stays in the TGW column; only the head at the table is drawn.
  w.edge(ids.rt.inspection, ids.egressEndpoints, 'return', 'after inspection');
}

function drawFleet(w: Writer, fleet: FleetModel, ids: RegionIds, id: IdOf, azCount: number): void {
  const asg = id('fleet', fleet.name, 'asg');
  const vendor = VENDOR_NAMES[fleet.vendor];
  const size = fleet.minSize === fleet.maxSize ? `${fleet.minSize}` : `${fleet.minSize}–${fleet.maxSize}`;
  w.subgraph(id('fleet', fleet.name), label(`fleet ${fleet.name}`), SUBGRAPH_STYLES.fleet, () => {
    w.node(ids.fleetGwlb(fleet.name), label('Gateway Load Balancer', `GENEVE 6081 · ${azCount} AZs`), 'inspect');
    w.node(asg, label(vendor, `${fleet.instanceType} × ${size}`, 'Auto Scaling group'), 'inspect');
  });
  w.edge(ids.fleetGwlb(fleet.name), asg, 'geneve');
}

function drawDmz(w: Writer, region: RegionModel, vpc: VpcModel, ids: RegionIds, id: IdOf, inetIn: string): void {
  const n = region.azs.length;
  const igw = id('dmz', vpc.name, 'igw');
  const gwlbe = id('dmz', vpc.name, 'gwlbe');
  const subnets = id('dmz', vpc.name, 'subnets');
  const shared = vpc.shareWith.length > 0 ? `shared with ${vpc.shareWith.join(', ')}` : '';
  w.subgraph(id('dmz', vpc.name), label(`DMZ ${vpc.name} · ${vpc.cidr}`), SUBGRAPH_STYLES.vpc, () => {
    w.node(igw, label('Internet gateway', 'edge route table'), 'gateway');
    w.node(gwlbe, label(`GWLB endpoints${times(n)}`, `fleet ${vpc.fleet}`), 'inspect');
    w.node(subnets, label(`public${times(subnetsOf(vpc, 'public').length)} (ALBs) · app${times(subnetsOf(vpc, 'app').length)}`, shared), 'workload');
  });
  w.edge(inetIn, igw, 'inspected');
  w.edge(igw, gwlbe, 'inspected');
  w.edge(gwlbe, ids.fleetGwlb(vpc.fleet!), 'geneve');
  w.edge(gwlbe, subnets, 'inspected');
  w.edge(subnets, ids.rt.dmzs, 'inspected');
}

function drawSpoke(w: Writer, vpc: VpcModel, ids: RegionIds, id: IdOf): void {
  const node = id('spoke', vpc.name);
  w.node(node, label(`spoke ${vpc.name}`, vpc.cidr, `workload subnets${times(subnetsOf(vpc, 'workload').length)}`), 'workload');
  w.edge(node, ids.rt.spokes, 'inspected');
}
