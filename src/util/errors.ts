/**
 * Errors that are the user's to fix. The CLI prints them without a stack trace and
 * exits 1; anything else is a defect and exits 2. They live here, not under
 * src/cli, because the library throws them and the library never imports the CLI.
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
