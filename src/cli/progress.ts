/** A one-line progress display on a terminal; silent when output is piped. */
export function progressLine(stream: NodeJS.WriteStream, label: string): ((now: number, end: number) => void) | undefined {
  if (!stream.isTTY) return undefined;
  const started = Date.now();
  return (now, end) => {
    const fraction = end > 0 ? now / end : 1;
    const elapsed = (Date.now() - started) / 1000;
    const left = fraction > 0 ? (elapsed / fraction) * (1 - fraction) : 0;
    stream.write(`\r${label}: ${(fraction * 100).toFixed(0).padStart(3)}% of simulated time, ${left.toFixed(0)} s left   `);
    if (fraction >= 1) stream.write('\n');
  };
}
