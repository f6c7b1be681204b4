/**
 * One run through the questions: the prompter, the base blueprint the defaults
 * come from, the draft the answers go into, and the kinds of question that
 * check each answer against the draft with the rules of `validate`
 * (field-check.ts) before taking it.
 */
import type { JsonPath } from '../../blueprint/problems';
import type { Blueprint, RegionSpec } from '../../blueprint/schema';
import { freeVpcCidr, uniqueName } from '../defaults';
import { fieldErrors, refusal, type FieldSpec } from '../field-check';
import type { Prompter } from '../prompter';
import { getAt, PENDING, placeholderRegion, PLACEHOLDER_REGION, setAt } from './draft';
import type { Parsed } from './parse';

export const LIMITS = { accounts: 50, fleets: 10, dmzs: 20, spokes: 100, vpns: 20, regions: 20 } as const;

export interface TextField<T> extends FieldSpec {
  readonly id: string;
  readonly message: string;
  readonly default: string;
  /** From the typed text to the value (default: the text itself). */
  readonly parse?: (text: string) => Parsed<T>;
  /** A check the rules cannot make (a name already taken). */
  readonly precheck?: (value: T) => true | string;
  /** Puts the value into a draft. */
  readonly set: (draft: Blueprint, value: T) => void;
  /** The field to check when it depends on the answer (a name is a key: the path it makes). */
  readonly fieldPath?: (value: T) => JsonPath;
}

export interface NumberField extends FieldSpec {
  readonly id: string;
  readonly message: string;
  readonly default: number;
  readonly set: (draft: Blueprint, value: number) => void;
}

/** The region being asked about, for the questions of its parts. */
export interface RegionContext {
  readonly index: number;
  readonly code: string;
  /** The base region its defaults come from, if any. */
  readonly base: RegionSpec | undefined;
  /** The id of a question about this region: `regions[0].egress.cidr`. */
  id(field: string): string;
}

type RegionMap = 'dmzs' | 'spokes' | 'vpnConnections';

export class Session {
  /** The blueprint as answered so far, kept shape-valid (placeholders where nothing is answered yet). */
  readonly draft: Blueprint;
  /** Base account name → the name it was given, so references follow a rename. */
  readonly accountNames = new Map<string, string>();
  /** Region code → the base region its defaults came from. */
  readonly baseRegions = new Map<string, RegionSpec>();

  /**
   * @param fromAnswers the base holds this user's own answers (`--from`, or the
   *   previous round): its entries are the defaults, renamed accounts followed.
   *   Otherwise it is the embedded example, and whatever ties one answer to
   *   another (who owns a VPC, which role to assume, what to share) follows the
   *   answers given, not the example's positions.
   */
  constructor(
    readonly prompter: Prompter,
    readonly base: Blueprint,
    readonly fromAnswers = true,
  ) {
    this.draft = { name: base.name, accounts: {}, regions: { [PLACEHOLDER_REGION]: placeholderRegion() } };
  }

  /** `true`, or why the draft changed by `set` breaks a rule at `field`. */
  check(field: FieldSpec, set: (draft: Blueprint) => void): true | string {
    const draft = structuredClone(this.draft);
    set(draft);
    const errors = fieldErrors(draft, field);
    return errors.length === 0 ? true : refusal(errors, field);
  }

  async text<T = string>(q: TextField<T>): Promise<T> {
    const parse = q.parse ?? ((t: string) => ({ ok: true, value: t as unknown as T }));
    const fieldFor = (value: T): FieldSpec => (q.fieldPath ? { path: q.fieldPath(value), exact: true } : { path: q.path, exact: q.exact });
    const answer = await this.prompter.input({
      id: q.id,
      message: q.message,
      default: q.default,
      validate: (text) => {
        const parsed = parse(text);
        if (!parsed.ok) return parsed.message;
        const pre = q.precheck ? q.precheck(parsed.value) : true;
        if (pre !== true) return pre;
        return this.check(fieldFor(parsed.value), (d) => q.set(d, parsed.value));
      },
    });
    const parsed = parse(answer);
    if (!parsed.ok) throw new Error(`internal: accepted answer ${answer} to ${q.id} does not parse`);
    q.set(this.draft, parsed.value);
    return parsed.value;
  }

  async number(q: NumberField): Promise<number> {
    const value = await this.prompter.number({
      id: q.id,
      message: q.message,
      default: q.default,
      validate: (v) => this.check({ path: q.path, exact: q.exact }, (d) => q.set(d, v)),
    });
    q.set(this.draft, value);
    return value;
  }

  count(id: string, message: string, defaultValue: number, min: number, max: number): Promise<number> {
    return this.prompter.number({ id, message, default: defaultValue, min, max });
  }

  /**
   * The name of a new entry of the map at `parent` (an account, a fleet, a VPC,
   * a VPN): not taken, and only problems of the key itself count, not of the
   * entry whose other fields are not answered yet.
   */
  async entryName(q: {
    id: string;
    message: string;
    /** Offered unless taken (then with a -2, -3, … suffix). */
    suggested: string;
    parent: JsonPath;
    /** The refusal of a name that is taken. */
    duplicate: (name: string) => string;
    set: (draft: Blueprint, name: string) => void;
  }): Promise<string> {
    const taken = Object.keys(getAt(this.draft, q.parent) as object);
    return this.text({
      id: q.id,
      message: q.message,
      default: uniqueName(q.suggested, taken),
      path: q.parent,
      exact: true,
      fieldPath: (v) => [...q.parent, v],
      precheck: (v) => (taken.includes(v) ? q.duplicate(v) : true),
      set: q.set,
    });
  }

  /**
   * How many entries a region's optional map gets (DMZs, spokes, VPNs). With
   * none, the map stays out of the blueprint, unless the base region has it.
   */
  async countEntries(region: RegionContext, map: RegionMap, message: string, defaultValue: number, max: number): Promise<number> {
    const count = await this.count(region.id(`${map}.count`), message, defaultValue, 0, max);
    if (count > 0 || region.base?.[map]) this.draft.regions[region.code][map] = {};
    return count;
  }

  /** A VPC CIDR: the base's when it still fits (no overlap, big enough), else a free one. */
  async vpcCidr(id: string, message: string, path: JsonPath, role: 'egress' | 'dmz' | 'spoke', baseCidr: string | undefined): Promise<string> {
    const set = (d: Blueprint, v: string) => setAt(d, path, v);
    const field: FieldSpec = { path };
    const azCount = this.draft.regions[path[1] as string].availabilityZones.length;
    const withoutThis = structuredClone(this.draft);
    setAt(withoutThis, path, PENDING);
    const fallback = freeVpcCidr(withoutThis, role, azCount);
    const useBase = baseCidr !== undefined && this.check(field, (d) => set(d, baseCidr)) === true;
    return this.text({ id, message, default: useBase ? baseCidr : fallback, path, set });
  }
}
