/**
 * A parsed blueprint file and what every format's reader shares: where a value
 * starts in the file, how deep a blueprint may nest, how a refusal to read it looks.
 */
import type { JsonPath, SourcePosition } from './problems';

export type SourceFormat = 'json' | 'yaml';

export interface SourceDocument {
  /** The file name as the user gave it (never made absolute, so messages stay short). */
  readonly file: string;
  readonly format: SourceFormat;
  readonly value: unknown;
  /** Where the value at `path` (or its nearest existing parent) starts in the file. */
  locate(path: JsonPath): SourcePosition | undefined;
}

/** A file that cannot be read or parsed: the CLI reports it and exits 1. */
export class BlueprintLoadError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly position?: SourcePosition,
  ) {
    super(`${file}${position ? `:${position.line}:${position.column}` : ''}: ${reason}`);
    this.name = 'BlueprintLoadError';
  }
}

export function lineIndex(text: string): (offset: number) => SourcePosition {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low] + 1 };
  };
}

/**
 * How deep a blueprint may nest: its deepest field is six levels down
 * (regions.*.fleets.*.healthCheck.path). Parsers and validators recurse once
 * per level, so a file nested thousands deep would exhaust the stack: it is
 * refused before it is parsed.
 */
export const MAX_DEPTH = 32;

export const TOO_DEEP = `nested more than ${MAX_DEPTH} levels deep (a blueprint needs 6)`;

export /**
 * Where the value at a path (or its nearest existing parent) starts. Each node's
 * members are indexed once, on first use, so locating every one of n problems
 * costs n times the path's depth, not n times the size of the object they are in.
 */
function pathLocator<N extends object>(
  root: N | null | undefined,
  childrenOf: (node: N) => Map<string, N>,
  positionOf: (node: N) => SourcePosition | undefined,
): (path: JsonPath) => SourcePosition | undefined {
  const index = new WeakMap<N, Map<string, N>>();
  const members = (node: N) => {
    let found = index.get(node);
    if (!found) index.set(node, (found = childrenOf(node)));
    return found;
  };
  return (jsonPath) => {
    if (!root) return undefined;
    const nodes: N[] = [root];
    for (const segment of jsonPath) {
      const next = members(nodes[nodes.length - 1]).get(String(segment));
      if (!next) break;
      nodes.push(next);
    }
    for (let i = nodes.length - 1; i >= 0; i--) {
      const at = positionOf(nodes[i]);
      if (at) return at;
    }
    return undefined;
  };
}
