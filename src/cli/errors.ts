/** How the CLI ends: exit codes, and the errors only the CLI throws. */
export { UserError, ValidationFailed } from '../util/errors';

/** `diffBlocked`: diff found a flow that loses inspection or delivery, or a resource replaced or destroyed. */
export const EXIT = { ok: 0, userError: 1, internalError: 2, diffBlocked: 3 } as const;

/** Ends the command with `code` after it has already said why (a failed verify). */
export class QuietExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
    this.name = 'QuietExit';
  }
}

/** The tool's own output failed verification: a defect, reported with exit code 2. */
export class SynthesisNotVerified extends Error {
  constructor() {
    super('the synthesized network does not verify (report above); nothing was written');
    this.name = 'SynthesisNotVerified';
  }
}
