import type { HostId, ServerId } from '../model/ids.js';
import type { Server } from '../model/server.js';
import type { FactSink, MoveKind, MoveOutcome } from './facts.js';

/** What the ledger reads of the cloud: the clock, and where its facts go. */
export interface LedgerContext {
  readonly now: number;
  readonly facts: FactSink;
}

/** What the ledger knows of a move still open. */
interface OpenMove {
  readonly kind: MoveKind;
  readonly source: HostId;
  destination: HostId | null;
  /** The request's acceptance. */
  readonly start: number;
  /** When the server ran at its destination (VERIFY_RESIZE, or a completed live migration or evacuation). */
  landedAt: number | null;
  downtimeS: number;
  dataMb: number;
  rounds: number;
  /** The guest was powered off (or not running) for the move since then; null while it runs. */
  offSince: number | null;
}

/**
 * The moves in flight, one per server at most, and the migrations.csv fact
 * each gives when it ends. Operations tell it what happens (a destination
 * claimed, data copied, the guest off and on again, the end); it keeps the
 * times and sums. O(1) per call; closeOpen is O(servers), once at the end.
 */
export class MoveLedger {
  readonly #open: (OpenMove | undefined)[] = [];

  constructor(private readonly cloud: LedgerContext) {}

  /** A move request was accepted; a move the server still had open is closed as failed (it was abandoned). */
  open(server: Server, kind: MoveKind, start: number): void {
    if (this.#open[server.id] !== undefined) this.close(server, 'failed');
    this.#open[server.id] = {
      kind, source: server.host!, destination: null, start, landedAt: null, downtimeS: 0, dataMb: 0, rounds: 0, offSince: null,
    };
  }

  /** The destination was claimed. */
  placed(server: Server, destination: HostId): void {
    const move = this.#open[server.id];
    if (move !== undefined) move.destination = destination;
  }

  /** Data sent, pause time and pre-copy rounds the move added. */
  carried(server: Server, cost: { readonly dataMb: number; readonly downtimeS?: number; readonly rounds?: number }): void {
    const move = this.#open[server.id];
    if (move === undefined) return;
    move.dataMb += cost.dataMb;
    move.downtimeS += cost.downtimeS ?? 0;
    move.rounds += cost.rounds ?? 0;
  }

  /** The guest stops running because of the move (a cold move powers it off; an evacuation rebuilds it). */
  guestOff(server: Server): void {
    const move = this.#open[server.id];
    if (move !== undefined && move.offSince === null) move.offSince = this.cloud.now;
  }

  /** The guest runs again (at the destination, or back at the source after a revert). */
  guestOn(server: Server): void {
    const move = this.#open[server.id];
    if (move === undefined || move.offSince === null) return;
    move.downtimeS += this.cloud.now - move.offSince;
    move.offSince = null;
  }

  /** The server now runs at its destination: the move's duration ends here. */
  landed(server: Server): void {
    const move = this.#open[server.id];
    if (move !== undefined) move.landedAt ??= this.cloud.now;
  }

  /** The move ended: its fact goes out. */
  close(server: Server, outcome: Exclude<MoveOutcome, 'open'>): void {
    this.#emit(server.id, outcome);
  }

  /** Reports every move still open, as `open`, in server order (the end of a run). */
  closeOpen(): void {
    this.#open.forEach((move, id) => {
      if (move !== undefined) this.#emit(id as ServerId, 'open');
    });
  }

  #emit(id: ServerId, outcome: MoveOutcome): void {
    const move = this.#open[id];
    if (move === undefined) return;
    this.#open[id] = undefined;
    const { cloud } = this;
    const now = cloud.now;
    const offFor = move.offSince === null ? 0 : now - move.offSince;
    cloud.facts.emit({
      type: 'move',
      time: now,
      server: id,
      kind: move.kind,
      source: move.source,
      destination: move.destination,
      start: move.start,
      durationS: (move.landedAt ?? now) - move.start,
      downtimeS: move.downtimeS + offFor,
      dataMb: move.dataMb,
      rounds: move.rounds,
      outcome,
    });
  }
}
