import type { HostId, ImageId, ServerId } from '../model/ids.js';
import type { Host } from '../model/host.js';
import type { Server } from '../model/server.js';
import type { Cloud } from './cloud.js';
import type { ComputeServices } from './compute-services.js';
import { lastRunAtOrBefore, runAtOrAfter } from './periodic-schedule.js';

/** One image on one host: the servers there that use it, and whether (and since when) its base file is in the cache. */
interface Entry {
  users: number;
  cached: boolean;
  /** The base file's mtime: its download, the last build that used it, or the last cache pass that saw it in use. */
  touched: number;
  /** When its last user left the host. */
  freedAt: number;
}

/** A download in progress on a host's link, and the builds waiting for it. */
interface Download {
  readonly image: ImageId;
  readonly start: number;
  /** Gbit still to come. */
  left: number;
  readonly waiters: Server[];
}

/** A host's link: its downloads share it equally (processor sharing), one completion timer at a time. */
interface Link {
  readonly downloads: Download[];
  /** When `left` of every download was last brought up to date. */
  at: number;
  /** Bumped on every change, so an older completion timer is stale. */
  version: number;
}

/**
 * The image cache of each compute host (the libvirt driver's `_base`
 * directory) and the downloads that fill it. The first build of an image
 * on a host fetches it from the image service over the host's link;
 * builds of the same image that come meanwhile wait for that download
 * (the fetch holds a file lock per image) and then use the cached copy;
 * later builds skip the download. Downloads of different images run side
 * by side and share the link equally.
 *
 * An image no server on the host uses is removed by the first
 * _run_image_cache_manager_pass at least
 * remove_unused_original_minimum_age_seconds after its base file was last
 * touched (nova/virt/libvirt/imagecache.py: age >= maxage); a pass that
 * finds the image in use touches it. That moment is computed when the
 * cache is next asked, never by a timer per pass.
 *
 * Left out: [compute] max_concurrent_disk_ops (default 0, unlimited),
 * resized base files (remove_unused_resized_minimum_age_seconds), and
 * image conversion time.
 */
export class ImageCache {
  /** Per host (by id), its images' entries. */
  readonly #entries: (Map<ImageId, Entry> | undefined)[] = [];
  readonly #links = new Map<HostId, Link>();
  /** Per server: the hosts it counts as an image user on, with the image it counted with when it arrived. */
  readonly #counted = new CountedImages();
  readonly #done: number;
  #release: (server: Server) => void = () => {};

  constructor(
    private readonly cloud: Cloud,
    private readonly services: ComputeServices,
  ) {
    this.#done = cloud.sim.register('image-download', (host, version) => this.#completed(host as HostId, version));
    cloud.inventory.observeServers({
      serverAttached: (server, host) => this.#attached(server, host),
      serverDetached: (server, host) => this.#detached(server, host),
    });
  }

  /** Wires what lets a build go on once its image is here (the executor, built after the cache). */
  connect(release: (server: Server) => void): void {
    this.#release = release;
  }

  /**
   * The build of `server` on `host` needs its image: 0 when it is cached
   * (or the server boots from a volume), else null while it downloads;
   * the build is released when the image is in. Call again after release.
   */
  fetch(server: Server, host: Host): number | null {
    if (server.bootFromVolume) return 0;
    const entry = this.#entry(host.id, server.image.id);
    if (this.#settle(host.id, entry)) {
      entry.touched = this.cloud.now; // create_image touches the base file
      return 0;
    }
    const link = this.#link(host.id);
    const running = link.downloads.find((d) => d.image === server.image.id);
    if (running !== undefined) {
      if (!running.waiters.includes(server)) running.waiters.push(server);
      return null;
    }
    const bits = server.image.sizeGb * 8;
    if (bits / host.linkGbps === 0) return this.#landed(host.id, entry); // an instant link (tests)
    this.#advance(host, link);
    link.downloads.push({ image: server.image.id, start: this.cloud.now, left: bits, waiters: [server] });
    this.#timeNext(host, link);
    return null;
  }

  /** Seconds the image would take to arrive if fetched now, sharing the link with the downloads under way (0 if cached). */
  estimate(server: Server, host: Host): number {
    if (server.bootFromVolume) return 0;
    const entry = this.#entry(host.id, server.image.id);
    if (this.#settle(host.id, entry)) return 0;
    const sharing = this.#link(host.id).downloads.length + 1;
    return (server.image.sizeGb * 8 * sharing) / host.linkGbps;
  }

  /** Whether `host` has `image` cached now. */
  has(host: HostId, image: ImageId): boolean {
    const entry = this.#entries[host]?.get(image);
    return entry !== undefined && this.#settle(host, entry);
  }

  /** Downloads under way on the host's link. */
  downloading(host: HostId): number {
    return this.#links.get(host)?.downloads.length ?? 0;
  }

  /** Applies a removal that has come due; true while the image is cached. */
  #settle(host: HostId, entry: Entry): boolean {
    if (!entry.cached || entry.users > 0) return entry.cached;
    const removal = this.#removalOf(host, entry);
    if (removal !== null && removal <= this.cloud.now) entry.cached = false;
    return entry.cached;
  }

  /** When the cache pass removes an unused image: the first pass at least the minimum age after its last touch, after it fell unused. */
  #removalOf(host: HostId, entry: Entry): number | null {
    const { config } = this.cloud;
    if (!config.remove_unused_base_images) return null;
    const grid = this.services.grid('_run_image_cache_manager_pass', host);
    if (grid === null) return null;
    const lastPassInUse = lastRunAtOrBefore(grid, entry.freedAt);
    const touched = Math.max(entry.touched, lastPassInUse ?? -Infinity);
    return runAtOrAfter(grid, Math.max(touched + config.remove_unused_original_minimum_age_seconds, entry.freedAt));
  }

  #attached(server: Server, host: HostId): void {
    if (!this.#counted.add(server.id, host, server.image.id)) return;
    const entry = this.#entry(host, server.image.id);
    this.#settle(host, entry); // a removal due before this user came has happened
    entry.users++;
  }

  #detached(server: Server, host: HostId): void {
    const image = this.#counted.take(server.id, host);
    if (image === undefined) return;
    const entry = this.#entry(host, image);
    if (--entry.users === 0) entry.freedAt = this.cloud.now;
  }

  #entry(host: HostId, image: ImageId): Entry {
    let images = this.#entries[host];
    if (images === undefined) this.#entries[host] = images = new Map();
    let entry = images.get(image);
    if (entry === undefined) images.set(image, (entry = { users: 0, cached: false, touched: 0, freedAt: 0 }));
    return entry;
  }

  #link(host: HostId): Link {
    let link = this.#links.get(host);
    if (link === undefined) this.#links.set(host, (link = { downloads: [], at: 0, version: 0 }));
    return link;
  }

  #landed(host: HostId, entry: Entry): number {
    entry.cached = true;
    entry.touched = this.cloud.now;
    return 0;
  }

  /** Brings every download's remainder up to now: each had an equal share of the link since the last change. */
  #advance(host: Host, link: Link): void {
    const n = link.downloads.length;
    if (n > 0) {
      const sent = ((this.cloud.now - link.at) * host.linkGbps) / n;
      for (const d of link.downloads) d.left -= sent;
    }
    link.at = this.cloud.now;
  }

  /** One timer per link: the next download to end, at the current share. O(downloads on the link). */
  #timeNext(host: Host, link: Link): void {
    link.version++;
    if (link.downloads.length === 0) return;
    let least = Infinity;
    for (const d of link.downloads) least = Math.min(least, d.left);
    const at = this.cloud.now + (Math.max(0, least) * link.downloads.length) / host.linkGbps;
    this.cloud.sim.at(at, this.#done, host.id, link.version);
  }

  #completed(hostId: HostId, version: number): void {
    const link = this.#links.get(hostId);
    if (link === undefined || link.version !== version) return;
    const host = this.cloud.inventory.host(hostId);
    this.#advance(host, link);
    // Rounding may leave a trace on the one that was timed to end: anything under a kilobit is done.
    const done = link.downloads.filter((d) => d.left < 1e-6);
    for (const d of done) link.downloads.splice(link.downloads.indexOf(d), 1);
    this.#timeNext(host, link);
    for (const d of done) {
      this.#landed(hostId, this.#entry(hostId, d.image));
      const { now } = this.cloud;
      this.cloud.facts.emit({ type: 'image_download', time: now, host: hostId, image: d.image, seconds: now - d.start, builds: d.waiters.length });
      for (const server of d.waiters) this.#release(server);
    }
  }
}

/**
 * Which image each server counted as a user of on each host it is on: a
 * server is on one host, or two while it moves, so two slots per server in
 * flat arrays, and a map for anything past them. Profiled on the full
 * region, a map of servers per host (a million servers come and go) cost 2 s.
 */
class CountedImages {
  /** Per server: host and image of the first slot, then of the second; -1 when a slot is free. */
  #slots = new Int32Array(0);
  readonly #more = new Map<ServerId, Map<HostId, ImageId>>();

  /** Counts the server on the host with its image; false when it already counts there. */
  add(server: ServerId, host: HostId, image: ImageId): boolean {
    if (this.#find(server, host) >= 0 || this.#more.get(server)?.has(host) === true) return false;
    this.#grow(server);
    const at = 4 * server;
    const slot = this.#slots[at] === -1 ? at : this.#slots[at + 2] === -1 ? at + 2 : -1;
    if (slot >= 0) {
      this.#slots[slot] = host;
      this.#slots[slot + 1] = image;
    } else {
      let more = this.#more.get(server);
      if (more === undefined) this.#more.set(server, (more = new Map()));
      more.set(host, image);
    }
    return true;
  }

  /** The image the server counted with on the host, which it no longer counts on; undefined when it did not. */
  take(server: ServerId, host: HostId): ImageId | undefined {
    const slot = this.#find(server, host);
    if (slot >= 0) {
      this.#slots[slot] = -1;
      return this.#slots[slot + 1] as ImageId;
    }
    const more = this.#more.get(server);
    const image = more?.get(host);
    if (image === undefined) return undefined;
    more!.delete(host);
    if (more!.size === 0) this.#more.delete(server);
    return image;
  }

  #find(server: ServerId, host: HostId): number {
    const at = 4 * server;
    if (at >= this.#slots.length) return -1;
    return this.#slots[at] === host ? at : this.#slots[at + 2] === host ? at + 2 : -1;
  }

  #grow(server: ServerId): void {
    if (4 * server < this.#slots.length) return;
    const slots = new Int32Array(Math.max(1024, 2 * this.#slots.length, 4 * (server + 1))).fill(-1);
    slots.set(this.#slots);
    this.#slots = slots;
  }
}
