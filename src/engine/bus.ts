/** Anything with a `type` that names its kind. */
export interface Typed {
  readonly type: string;
}

/** The fact of kind `T` in the union `F`. */
export type FactOf<F extends Typed, T extends F['type']> = Extract<F, { readonly type: T }>;

/** Where facts go: what the emitting side of a bus needs. */
export interface Emitter<F extends Typed> {
  emit(fact: F): void;
}

/** What the listening side of a bus needs. */
export interface Listenable<F extends Typed> {
  on<T extends F['type']>(type: T, handler: (fact: FactOf<F, T>) => void): void;
}

/**
 * A typed publish-subscribe channel (SimGrid's signals, one per kind of
 * fact): handlers subscribe to one `type` of the union `F` and get facts of
 * exactly that type. Facts are delivered at once, in the order handlers
 * subscribed, as a direct call would be. Knows nothing of what the facts
 * say. O(handlers of the fact's type) per emit.
 */
export class Bus<F extends Typed> implements Emitter<F>, Listenable<F> {
  readonly #handlers = new Map<string, ((fact: F) => void)[]>();

  on<T extends F['type']>(type: T, handler: (fact: FactOf<F, T>) => void): void {
    let list = this.#handlers.get(type);
    if (list === undefined) {
      list = [];
      this.#handlers.set(type, list);
    }
    list.push(handler as (fact: F) => void);
  }

  emit(fact: F): void {
    const list = this.#handlers.get(fact.type);
    if (list === undefined) return;
    for (let i = 0; i < list.length; i++) list[i]!(fact);
  }
}
