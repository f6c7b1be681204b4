/**
 * The address layout a synthesis records in its manifest (`gwlb-blueprint` key of
 * manifest.json): the AZ slots of every region. Every subnet CIDR depends on them,
 * so a later version of the tool, or a table that learned of a new AZ, must never
 * change them silently: regenerating over a folder that recorded other slots is
 * refused unless the blueprint states `azSlots` itself.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { NetworkModel } from '../blueprint/model';
import type { Blueprint } from '../blueprint/schema';
import { FolderError, MANIFEST_FILE, readManifest } from '../synth-folder';
import { UserError } from '../util/errors';

export interface RecordedLayout {
  readonly regions: Readonly<Record<string, { readonly azSlots: number }>>;
}

export function layoutOf(model: NetworkModel): RecordedLayout {
  return { regions: Object.fromEntries(model.regions.map((r) => [r.code, { azSlots: r.azSlots }])) };
}

/** What the folder's manifest recorded; undefined when there is no folder, no manifest or no record. */
export function recordedLayout(dir: string): RecordedLayout | undefined {
  if (!existsSync(path.join(dir, MANIFEST_FILE))) return undefined;
  try {
    const generator = readManifest(dir).generator;
    const layout = generator?.layout as RecordedLayout | undefined;
    return layout && typeof layout.regions === 'object' && layout.regions !== null ? layout : undefined;
  } catch (err) {
    // A folder that is not a readable synthesis recorded nothing to keep.
    if (err instanceof FolderError) return undefined;
    throw err;
  }
}

/** Refuses a synthesis that would re-plan the subnets of a region the folder already laid out differently. */
export function checkRecordedLayout(dir: string, model: NetworkModel, blueprint: Blueprint): void {
  const recorded = recordedLayout(dir);
  if (!recorded) return;
  for (const region of model.regions) {
    const before = recorded.regions[region.code]?.azSlots;
    if (typeof before !== 'number' || before === region.azSlots || blueprint.regions[region.code]?.azSlots !== undefined) continue;
    throw new UserError(
      `${path.join(dir, MANIFEST_FILE)} records ${before} AZ slots for ${region.code}, and this blueprint would now get ${region.azSlots}: every subnet of the region would move, and Terraform would replace it. ` +
        `Nothing was written. Set regions["${region.code}"].azSlots to ${before} to keep the deployed layout (or to ${region.azSlots} to re-plan on purpose).`,
    );
  }
}


