/** The network's name and the tags on every resource. */
import { NONE, type Parsed } from './parse';
import type { Session } from './session';

export async function askIdentity(s: Session): Promise<void> {
  const { base } = s;
  await s.text({
    id: 'name',
    message: 'Network name (prefixes every stack and Name tag)',
    default: base.name,
    path: ['name'],
    set: (d, v) => void (d.name = v),
  });
  await s.text<Record<string, string> | undefined>({
    id: 'tags',
    message: `Tags for every resource (Key=Value, comma-separated; ${NONE} for none)`,
    default: base.tags && Object.keys(base.tags).length > 0 ? Object.entries(base.tags).map(([k, v]) => `${k}=${v}`).join(', ') : NONE,
    path: ['tags'],
    parse: parseTags,
    set: (d, v) => {
      if (v) d.tags = v;
      else if (base.tags && Object.keys(base.tags).length === 0) d.tags = {};
      else delete d.tags;
    },
  });
}

function parseTags(text: string): Parsed<Record<string, string> | undefined> {
  if (text.trim() === NONE || text.trim() === '') return { ok: true, value: undefined };
  const tags: Record<string, string> = {};
  for (const part of text.split(',')) {
    const entry = part.trim();
    if (entry === '') continue;
    const eq = entry.indexOf('=');
    if (eq <= 0) return { ok: false, message: `"${entry}" is not Key=Value; separate tags with commas` };
    const key = entry.slice(0, eq).trim();
    if (key in tags) return { ok: false, message: `tag ${key} is given twice` };
    tags[key] = entry.slice(eq + 1).trim();
  }
  return { ok: true, value: tags };
}
