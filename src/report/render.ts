import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** One chart of a report: a title and a Vega-Lite spec with its data inline. */
export interface Chart {
  readonly title: string;
  readonly spec: TopLevelSpec;
}

/**
 * A Vega-Lite spec rendered to SVG text headless (Vega's View with no
 * renderer, text widths estimated without a canvas). Inline data only: the
 * loader is never asked for a URL, so nothing is fetched.
 */
export async function chartSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
