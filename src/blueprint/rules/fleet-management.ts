import { error, warning, type Problem } from '../problems';
import { VENDOR_PROFILES } from '../vendors';
import { fleetsOf } from '../walk';
import type { Rule } from './rule';

const ENTRIES = ['cme', 'panorama', 'fortiManager'] as const;
/** Characters that would end a value early where it is written: CME's `key=value:key=value` tag, init-cfg's `;`-joined pairs, FortiOS's quoted strings. */
const CME_VALUE = /^[A-Za-z0-9_.-]{1,100}$/;
const INIT_CFG_VALUE = /^[^;=\s"'\\]{1,255}$/;
const INIT_CFG_NAME = /^[^;=\n"\\]{1,63}$/;
const FORTIOS_VALUE = /^[A-Za-z0-9_.:-]{1,255}$/;

export const fleetManagement: Rule = {
  id: 'fleet-management',
  description: 'management names only the fleet vendor\'s own plane (cme, panorama, fortiManager) with values its bootstrap can carry; Panorama needs bootstrapBucket for its auth key; a fleet without one is warned that its appliances wait for manual configuration.',
  check(bp) {
    const problems: Problem[] = [];
    for (const { fleet, path } of fleetsOf(bp)) {
      const own = VENDOR_PROFILES[fleet.vendor].management;
      const at = (...rest: string[]) => [...path, 'management', ...rest];
      const m = fleet.management ?? {};
      for (const entry of ENTRIES) {
        if (m[entry] !== undefined && entry !== own) {
          problems.push(error(this.id, at(entry), entry, own ? `is not a ${fleet.vendor} management plane; a ${fleet.vendor} fleet takes management.${own}` : `${fleet.vendor} appliances have no management plane`));
        }
      }
      if (own === 'cme' && m.cme) {
        // CME reads x-chkp-tags as management=<server>:template=<template>:ip-address=<...>.
        if (!CME_VALUE.test(m.cme.server)) problems.push(error(this.id, at('cme', 'server'), m.cme.server, 'must be 1-100 letters, digits, ".", "_" or "-" (it is written into the x-chkp-tags tag)'));
        // modules/autoscale_gwlb/variables.tf: configuration_template must be under 31 characters.
        if (!CME_VALUE.test(m.cme.template) || m.cme.template.length > 30) problems.push(error(this.id, at('cme', 'template'), m.cme.template, 'must be 1-30 letters, digits, ".", "_" or "-" (CME template names are at most 30 characters)'));
      }
      if (own === 'panorama' && m.panorama) {
        const servers = m.panorama.servers;
        if (servers.length < 1 || servers.length > 2) problems.push(error(this.id, at('panorama', 'servers'), servers.join(', '), 'must list one or two Panorama addresses (panorama-server, panorama-server-2)'));
        servers.forEach((s, i) => {
          if (!INIT_CFG_VALUE.test(s)) problems.push(error(this.id, [...at('panorama', 'servers'), i], s, 'must be an IP address or DNS name (no spaces, ";" or "=")'));
        });
        for (const key of ['templateStack', 'deviceGroup'] as const) {
          if (!INIT_CFG_NAME.test(m.panorama[key])) problems.push(error(this.id, at('panorama', key), m.panorama[key], 'must be 1-63 characters without ";", "=", quotes or line breaks (init-cfg.txt carries it)'));
        }
        if (!fleet.bootstrapBucket) problems.push(error(this.id, at('panorama'), 'panorama', 'needs bootstrapBucket: the Panorama auth key is read at boot from the bucket\'s config/init-cfg.txt, never from user data'));
      }
      if (own === 'fortiManager' && m.fortiManager) {
        if (!FORTIOS_VALUE.test(m.fortiManager.address)) problems.push(error(this.id, at('fortiManager', 'address'), m.fortiManager.address, 'must be an IP address or DNS name'));
        const sn = m.fortiManager.serialNumber;
        if (sn !== undefined && !/^[A-Z0-9]{6,32}$/.test(sn)) problems.push(error(this.id, at('fortiManager', 'serialNumber'), sn, 'must be a FortiManager serial number (capital letters and digits)'));
      }
      if ((own === 'cme' || own === 'panorama') && ENTRIES.every((entry) => m[entry] === undefined)) {
        const why = own === 'cme'
          ? 'no management.cme: the gateways carry no CME tags, so no management server provisions them and they keep Check Point\'s initial policy (no traffic passes)'
          : 'no management.panorama: the firewalls boot with no zones or rules and pass no traffic until configured by hand';
        problems.push(warning(this.id, [...path, 'vendor'], fleet.vendor, why));
      }
    }
    return problems;
  },
};
