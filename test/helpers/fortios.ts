/**
 * A reader of FortiOS CLI configuration (`config <path>` ... `end`, `edit <name>` ...
 * `next`, `set <key> <value>...`), written for the tests from the FortiOS CLI
 * grammar, so they assert what a FortiGate would read rather than matching text.
 * Blocks may nest (`config vdom` / `edit root` / `config system ...`); the tests use
 * top-level blocks, each addressed by its path (`system interface`).
 */
export interface FortiEntry {
  readonly settings: Record<string, string[]>;
}

export interface FortiBlock extends FortiEntry {
  /** `edit` entries by name (quotes removed), in order. */
  readonly entries: Map<string, FortiEntry>;
}

/** Splits `set allowaccess ping "a b" https` into words, quotes removed. */
export function words(line: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push(m[1] !== undefined ? m[1] : m[2]);
  return out;
}

/** Every top-level `config` block by path; a path given twice is merged, later settings winning. */
export function parseFortiOs(text: string): Map<string, FortiBlock> {
  const blocks = new Map<string, FortiBlock>();
  let block: FortiBlock | undefined;
  let entry: FortiEntry | undefined;
  let depth = 0;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const [verb, ...rest] = words(line);
    const fail = (why: string) => {
      throw new Error(`line ${i + 1} (${line}): ${why}`);
    };
    if (verb === 'config') {
      depth++;
      if (depth > 1) return; // nested blocks are not needed by the tests
      const key = rest.join(' ');
      block = blocks.get(key) ?? { settings: {}, entries: new Map() };
      blocks.set(key, block);
    } else if (verb === 'end') {
      if (depth === 0) fail('end without config');
      depth--;
      if (depth === 0) block = entry = undefined;
    } else if (depth > 1) {
      return;
    } else if (verb === 'edit') {
      if (!block) fail('edit outside config');
      if (entry) fail('edit inside edit');
      entry = block!.entries.get(rest[0]) ?? { settings: {} };
      block!.entries.set(rest[0], entry);
    } else if (verb === 'next') {
      if (!entry) fail('next without edit');
      entry = undefined;
    } else if (verb === 'set') {
      if (!block) fail('set outside config');
      (entry ?? block!).settings[rest[0]] = rest.slice(1);
    } else {
      fail(`unknown verb ${verb}`);
    }
  });
  if (depth !== 0) throw new Error('unterminated config block');
  return blocks;
}
