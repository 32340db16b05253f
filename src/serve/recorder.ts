import { closeSync, existsSync, linkSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isMap, isSeq, parseDocument, type Document } from 'yaml';
import { classesOf, type CharacterClass } from '../lifecycle/password-policy.js';
import { InputError } from '../run/input-error.js';

/** Two characters of each class, and two of none (white space: no letter, digit or symbol). */
const SAMPLES: readonly (Readonly<Record<CharacterClass | 'none', string>>)[] = [
  { lower: 'a', upper: 'A', digit: '1', symbol: '!', none: ' ' },
  { lower: 'b', upper: 'B', digit: '2', symbol: '#', none: '\t' },
];

/**
 * A password that no output may hold replaced by one a password policy
 * judges alike: the same length and the same character classes. A run of
 * the recording then reaches the same verdicts (and faults) as the served
 * run did, and the real password is written nowhere (a password made of
 * the first samples alone gets the second ones).
 */
export function standIn(password: string): string {
  const classes = classesOf(password);
  const length = [...password].length;
  const made = SAMPLES.map((sample) => {
    const chars = classes.map((c) => sample[c]);
    while (chars.length < length) chars.push(chars[0] ?? sample.none);
    return chars.join('');
  });
  return made[0] === password ? made[1]! : made[0]!;
}

/**
 * `--record FILE`: the scenario file as it was served (comments kept), its
 * users' passwords left out and its admin passwords replaced by stand-ins,
 * with a `served:` section of every request the cloud took and when the
 * served run stopped. `novasim run FILE` writes the same results folder.
 */
export class Recorder {
  readonly #requests: Record<string, unknown>[] = [];

  constructor(
    readonly file: string,
    private readonly scenarioText: string,
  ) {
    if (existsSync(file)) throw new InputError(`--record: ${file} exists; novasim does not replace it (name a new file)`);
  }

  add(values: Readonly<Record<string, unknown>>): void {
    const entry: Record<string, unknown> = { ...values };
    if (typeof entry['admin_pass'] === 'string') entry['admin_pass'] = standIn(entry['admin_pass']);
    // Fields a request leaves out stay out of the file, as a person would write it.
    for (const [key, value] of Object.entries(entry)) if (value === undefined) delete entry[key];
    this.#requests.push(entry);
  }

  /** Writes the recording whole or not at all: a temporary sibling of its own, then a hard link at FILE. */
  write(stoppedAt: number): void {
    const doc = parseDocument(this.scenarioText);
    withoutSecrets(doc);
    doc.set('served', doc.createNode({ stopped_at: stoppedAt, requests: this.#requests }));
    const text = this.file.endsWith('.json') ? `${JSON.stringify(doc.toJS(), null, 2)}\n` : doc.toString({ lineWidth: 0 });
    const temp = join(dirname(this.file), `.${basename(this.file)}.partial-${process.pid}`);
    // Fails rather than touch a file of that name that is not ours: everything removed below is the file this call created.
    const fd = openExclusive(temp);
    try {
      try {
        writeFileSync(fd, text);
      } finally {
        closeSync(fd);
      }
    } catch (e) {
      rmSync(temp, { force: true }); // half written (a full disk)
      throw e;
    }
    try {
      // A hard link, unlike a rename, never replaces: a file that appeared at FILE while the cloud was served stays as it is.
      linkSync(temp, this.file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new InputError(`--record: ${this.file} appeared while the cloud was served; novasim does not replace it (the recording is not written)`);
      throw e;
    } finally {
      rmSync(temp, { force: true }); // the link at FILE, when made, keeps the recording
    }
  }
}

function openExclusive(path: string): number {
  try {
    return openSync(path, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new InputError(`--record: ${path} exists; novasim does not replace it (the recording is not written)`);
    throw e;
  }
}

/** Users' passwords out, the scenario's own admin passwords (actions:) replaced by stand-ins. */
function withoutSecrets(doc: Document): void {
  const projects = doc.get('projects');
  if (isSeq(projects))
    for (const p of projects.items) {
      const users = isMap(p) ? p.get('users') : undefined;
      if (isSeq(users)) for (const u of users.items) if (isMap(u)) u.delete('password');
    }
  const actions = doc.get('actions');
  if (isSeq(actions))
    for (const a of actions.items) {
      const pass = isMap(a) ? a.get('admin_pass') : undefined;
      if (isMap(a) && typeof pass === 'string') a.set('admin_pass', standIn(pass));
    }
}
