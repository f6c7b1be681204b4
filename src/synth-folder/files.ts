/**
 * Where the reader gets a folder's files: from disk, or from the files a synthesis
 * has just written, held as written (`synth` hands them to its proof thread while it
 * is still writing, so the proof need not wait for the disk nor read it back).
 * Either way the reader sees the same folder: the same names, the same text.
 * Paths are relative to the folder and `/`-separated; `.` is the folder itself.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

export interface FolderEntry {
  readonly name: string;
  /** As a directory entry says (a link to a folder is not one), as readdir's `withFileTypes` reports it. */
  readonly isDirectory: boolean;
}

export interface FolderFiles {
  /** The folder, as messages and the folder that was read name it. */
  readonly dir: string;
  exists(file: string): boolean;
  /** A file, following links (as `stat` does). */
  isFile(file: string): boolean;
  /** The entries of a folder; throws when `folder` is none. */
  list(folder: string): readonly FolderEntry[];
  /** The text of a file; throws an error with a `code` (ENOENT, EISDIR, ...) when it cannot. */
  readText(file: string): string;
  /** The file's text already parsed as JSON, where that was done ahead; else undefined (parse readText). */
  parsedJson?(file: string): unknown;
}

/** The folder on disk. */
export function diskFiles(dir: string): FolderFiles {
  const at = (file: string) => path.join(dir, file);
  return {
    dir,
    exists: (file) => existsSync(at(file)),
    isFile: (file) => {
      try {
        return statSync(at(file)).isFile();
      } catch {
        return false;
      }
    },
    list: (folder) => readdirSync(at(folder), { withFileTypes: true }).map((e) => ({ name: e.name, isDirectory: e.isDirectory() })),
    readText: (file) => readFileSync(at(file), 'utf8'),
  };
}

/**
 * The folder as one process wrote it: `written` maps each file it wrote (relative
 * path) to its text; folders are those the files imply. `parsed` holds JSON files
 * already parsed from that text (by a thread that had time while the rest was
 * written). It describes the disk only as long as nothing else writes there
 * (writtenIsOnDisk checks the names).
 */
export function writtenFiles(dir: string, written: ReadonlyMap<string, string>, parsed?: Map<string, unknown>): FolderFiles {
  // Each folder's entries (name → is a folder); every folder a file lies in is the parent of the next part.
  const children = new Map<string, Map<string, boolean>>([['.', new Map()]]);
  for (const file of written.keys()) {
    const parts = file.split('/');
    parts.forEach((name, i) => {
      const parent = i === 0 ? '.' : parts.slice(0, i).join('/');
      if (!children.has(parent)) children.set(parent, new Map());
      children.get(parent)!.set(name, i < parts.length - 1);
    });
  }
  const normal = (file: string) => path.posix.normalize(file).replace(/\/$/, '');
  const missing = (file: string, code: string) => Object.assign(new Error(`${code}: ${file}`), { code });
  return {
    dir,
    exists: (file) => written.has(normal(file)) || children.has(normal(file)),
    isFile: (file) => written.has(normal(file)),
    list: (folder) => {
      const entries = children.get(normal(folder));
      if (!entries) throw missing(folder, written.has(normal(folder)) ? 'ENOTDIR' : 'ENOENT');
      return [...entries].map(([name, isDirectory]) => ({ name, isDirectory }));
    },
    readText: (file) => {
      const text = written.get(normal(file));
      if (text === undefined) throw missing(file, children.has(normal(file)) ? 'EISDIR' : 'ENOENT');
      return text;
    },
    // Each parsed value is handed out once, as a reading of the file would be: the reader owns what it gets.
    parsedJson: (file) => {
      const value = written.has(normal(file)) ? parsed?.get(normal(file)) : undefined;
      parsed?.delete(normal(file));
      return value;
    },
  };
}

/**
 * Whether the files under `folders` on disk are exactly those of `written` there,
 * by name: then the written files are the folder the reader would see. Only names
 * are compared: the texts are the ones this process wrote.
 */
export function writtenIsOnDisk(dir: string, written: ReadonlyMap<string, string>, folders: readonly string[]): boolean {
  const expected = new Set([...written.keys()].filter((f) => folders.some((folder) => f.startsWith(`${folder}/`))));
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(path.join(dir, folder), { withFileTypes: true })) {
      const file = `${folder}/${entry.name}`;
      if (entry.isDirectory()) walk(file);
      else found.push(file);
    }
  };
  try {
    for (const folder of folders) walk(folder);
  } catch {
    return false;
  }
  return found.length === expected.size && found.every((f) => expected.has(f));
}
