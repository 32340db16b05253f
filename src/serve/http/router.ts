/**
 * Routes as method + path pattern (`servers/:id/action`). Literal segments
 * win over parameters, so `servers/detail` is never read as a server id.
 * A path that matches with another method gives the methods it allows
 * (405), one that matches nothing gives undefined (404).
 */
export type Params = Readonly<Record<string, string>>;

interface Route<H> {
  readonly method: string;
  readonly pattern: readonly string[];
  readonly handler: H;
}

export type Match<H> = { readonly handler: H; readonly params: Params } | { readonly allowed: readonly string[] } | undefined;

export class Router<H> {
  readonly #routes: Route<H>[] = [];

  add(method: string, pattern: string, handler: H): this {
    this.#routes.push({ method, pattern: pattern.split('/').filter((s) => s !== ''), handler });
    return this;
  }

  match(method: string, segments: readonly string[]): Match<H> {
    let best: { route: Route<H>; params: Record<string, string>; literals: number } | undefined;
    const allowed = new Set<string>();
    for (const route of this.#routes) {
      const params = matchPattern(route.pattern, segments);
      if (params === undefined) continue;
      if (route.method !== method) {
        allowed.add(route.method);
        continue;
      }
      const literals = route.pattern.filter((p) => !p.startsWith(':')).length;
      if (best === undefined || literals > best.literals) best = { route, params, literals };
    }
    if (best !== undefined) return { handler: best.route.handler, params: best.params };
    return allowed.size > 0 ? { allowed: [...allowed].sort() } : undefined;
  }
}

function matchPattern(pattern: readonly string[], segments: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const s = segments[i]!;
    if (p.startsWith(':')) params[p.slice(1)] = s;
    else if (p !== s) return undefined;
  }
  return params;
}
