/**
 * The README written beside the synthesized stacks: everything an engineer who
 * has never seen gwlb-blueprint needs to review and apply them with plain
 * Terraform. Built from the network model and from the stacks as written (their
 * manifest dependencies, providers, backends and outputs), never from fixed text
 * about a network. Deterministic: it is part of the golden output.
 *
 * Each file in this folder writes one section or a few related ones; SECTIONS
 * below is the README's table of contents, top to bottom.
 */
import { contextOf, type ReadmeInputs, type Section } from './context';
import { introduction, network, topology } from './network';
import { flows } from './flows';
import { fleets } from './fleets';
import { offices } from './offices';
import { prerequisites } from './prerequisites';
import { stacks } from './stacks';
import { applying, regenerating, state } from './running';
import { addressPlan } from './address-plan';
import { centralFlowLogs } from './flow-logs';
import { postDeployChecks } from './post-deploy';

export type { ReadmeInputs };

export const README_FILE = 'README.md';

const SECTIONS: readonly Section[] = [introduction, network, topology, flows, offices, prerequisites, centralFlowLogs, fleets, stacks, applying, postDeployChecks, state, addressPlan, regenerating];

export function renderReadme(inputs: ReadmeInputs): string {
  const ctx = contextOf(inputs);
  const lines = SECTIONS.flatMap((section) => section(ctx));
  // Sections end with a blank line and optional blocks may be empty: collapse the runs so spacing never depends on which blocks appear.
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
