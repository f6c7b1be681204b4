/**
 * Errors that are the user's to fix. The CLI prints them without a stack trace and
 * exits 1; anything else is a defect and exits 2.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** A blueprint that broke rules: the problems were already printed. */
export class ValidationFailed extends UserError {
  constructor(readonly errorCount: number) {
    super(`${errorCount} problem${errorCount === 1 ? '' : 's'} found; nothing was written`);
    this.name = 'ValidationFailed';
  }
}

export const EXIT = { ok: 0, userError: 1, internalError: 2 } as const;

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
