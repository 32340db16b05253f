import type { TopLevelSpec } from 'vega-lite';
import type { Chart } from './render.js';

/** Seconds in a day: time axes count days from the start of the run. */
export const DAY = 86_400;
/** Plot area of a chart over time, in pixels. */
export const WIDTH = 760;
export const HEIGHT = 220;
/** Width per bar (or per category of ticks). */
export const BAR_STEP = 90;

/** Host failures are drawn across the charts over time only up to this many; past it the timeline alone shows them. */
const MAX_RULES = 40;
export const FAILURE_COLOUR = '#c0392b';

/** The x axis of every chart over time: days from 0 to the run's end, the same scale on each, so they line up. */
export const timeAxis = (days: number) => ({
  field: 'day',
  type: 'quantitative' as const,
  title: 'day',
  scale: { domain: [0, days], nice: false, zero: true },
});

/**
 * A chart over time: its own layer, and a dashed rule at each host
 * failure (`failures`, in days) so what follows a failure is seen where it
 * happens. The layer's `data`, `mark` and `encoding` are a Vega-Lite unit.
 */
export function overTime(title: string, layer: Record<string, unknown>, failures: readonly number[], height: number | { step: number } = HEIGHT): Chart {
  const rules =
    failures.length === 0 || failures.length > MAX_RULES
      ? []
      : [{ data: { values: failures.map((day) => ({ day })) }, mark: { type: 'rule', color: FAILURE_COLOUR, strokeDash: [4, 3] }, encoding: { x: { field: 'day', type: 'quantitative' } } }];
  return { title, spec: { width: WIDTH, height, layer: [layer, ...rules] } as TopLevelSpec };
}
