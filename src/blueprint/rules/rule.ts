import type { Problem } from '../problems';
import type { Blueprint } from '../schema';

/**
 * One semantic check of a shape-valid blueprint. A rule reports every instance it
 * finds (not only the first) and skips values another rule already refuses (a
 * non-canonical CIDR is `cidr-canonical`'s to report, not `vpc-cidr-overlap`'s).
 */
export interface Rule {
  readonly id: string;
  /** One line, shown by `validate --rules`. */
  readonly description: string;
  check(blueprint: Blueprint): Problem[];
}
