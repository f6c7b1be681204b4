/**
 * The library entry: what a cdktf project's app calls (`synthesizeBlueprintFile`)
 * and what other tools may build on.
 */
export { synthesizeBlueprintFile } from './synth/app';
export { validateBlueprint } from './blueprint/validate';
export { buildModel, type NetworkModel } from './blueprint/model';
export { planVpc } from './blueprint/address-plan';
export { synthesizeNetwork } from './synth/synthesize';
