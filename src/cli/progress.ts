/**
 * The progress line of a run on a terminal: one line, redrawn in place,
 * with the share of simulated time done, the events per second and the time
 * left; cleared when the run ends. Nothing when the output is piped.
 */
export function progressLine(stream: NodeJS.WriteStream, label: string): ((p: { now: number; end: number; events: number }) => void) & { clear(): void } {
  const started = Date.now();
  let drawn = false;
  const draw = (p: { now: number; end: number; events: number }): void => {
    if (!stream.isTTY || p.end <= 0) return;
    const fraction = Math.min(1, p.now / p.end);
    const elapsed = (Date.now() - started) / 1000;
    const left = fraction > 0 ? (elapsed / fraction) * (1 - fraction) : Number.NaN;
    const rate = elapsed > 0 ? p.events / elapsed : 0;
    // The figures first, the label last: a narrow terminal cuts the label, not the figures.
    const line = `${(fraction * 100).toFixed(0).padStart(3)}% of simulated time, ${compact(rate)} events/s, ${Number.isNaN(left) ? '?' : left.toFixed(0)} s left: ${label}`;
    // A terminal that reports no width (0, as a bare pseudo-terminal does) is taken as 80 columns.
    stream.write(`\r${line.slice(0, Math.max(20, (stream.columns || 80) - 1))}\x1b[K`);
    drawn = true;
  };
  return Object.assign(draw, {
    clear(): void {
      if (drawn) stream.write('\r\x1b[K');
      drawn = false;
    },
  });
}

function compact(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(0)} k`;
  return n.toFixed(0);
}
