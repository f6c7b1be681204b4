/** Where the CLI writes, injectable so tests can read what a command said. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** A person is at the keyboard (both stdin and stdout are terminals). */
  readonly interactive: boolean;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  get interactive() {
    return Boolean(process.stdin.isTTY && process.stdout.isTTY);
  },
};

/** An Io that records everything, for tests and for callers that want the text. */
export function memoryIo(interactive = false): Io & { stdout: string[]; stderr: string[]; text(): string } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    interactive,
    out: (text) => void stdout.push(text),
    err: (text) => void stderr.push(text),
    text: () => [...stdout, ...stderr].join('\n'),
  };
}
