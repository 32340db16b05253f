import type { ServerId } from '../../model/ids.js';
import type { TextSink } from './text-sink.js';

/** The index of placements.jsonl, written beside it. */
export const PLACEMENT_INDEX = 'placements.idx';

/**
 * placements.idx: where each server's lines start in placements.jsonl, so
 * `novasim explain` reads a few lines of a log of millions instead of all
 * of it. One line per server, sorted by name (JavaScript string order):
 * the name as a JSON string, then the byte offsets of its lines, each
 * after a space. A reader finds a name by binary search over the file's
 * bytes (readPlacementIndex in the CLI). While the run goes it keeps 12
 * bytes per line (server id and offset, in typed arrays).
 */
export class PlacementIndex {
  #servers = new Int32Array(1024);
  #offsets = new Float64Array(1024);
  #count = 0;
  #bytes = 0;

  constructor(private readonly sink: TextSink) {}

  /** Notes the next line of the log, about `server`. */
  add(server: ServerId, line: string): void {
    if (this.#count === this.#servers.length) {
      const servers = new Int32Array(this.#count * 2);
      servers.set(this.#servers);
      this.#servers = servers;
      const offsets = new Float64Array(this.#count * 2);
      offsets.set(this.#offsets);
      this.#offsets = offsets;
    }
    this.#servers[this.#count] = server;
    this.#offsets[this.#count++] = this.#bytes;
    this.#bytes += Buffer.byteLength(line);
  }

  /** Writes the index: servers by name, each with its lines' offsets in log order. O(lines + servers log servers). */
  write(nameOf: (id: ServerId) => string): void {
    const byServer = new Map<number, number[]>();
    for (let i = 0; i < this.#count; i++) {
      const server = this.#servers[i]!;
      const offsets = byServer.get(server);
      if (offsets === undefined) byServer.set(server, [this.#offsets[i]!]);
      else offsets.push(this.#offsets[i]!);
    }
    const named = [...byServer].map(([id, offsets]) => ({ name: nameOf(id as ServerId), offsets }));
    named.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    let chunk: string[] = [];
    for (const { name, offsets } of named) {
      chunk.push(`${JSON.stringify(name)} ${offsets.join(' ')}\n`);
      if (chunk.length === 5000) {
        this.sink.write(chunk.join(''));
        chunk = [];
      }
    }
    this.sink.write(chunk.join(''));
  }
}
