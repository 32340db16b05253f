/** Simulated time starts on a Monday at 00:00. */
export const DAY = 86_400;
export const WEEK = 7 * DAY;

export const hourOfDay = (t: number): number => Math.floor((t % DAY) / 3600);
/** 0 = Monday ... 6 = Sunday. */
export const dayOfWeek = (t: number): number => Math.floor((t % WEEK) / DAY);

/** The first time strictly after `now` at `secondsIntoDay` past midnight. */
export function nextTimeOfDay(now: number, secondsIntoDay: number): number {
  const candidate = Math.floor(now / DAY) * DAY + secondsIntoDay;
  return candidate > now ? candidate : candidate + DAY;
}

/** The first time strictly after `now` on `weekday` (0 = Monday) at `secondsIntoDay`. */
export function nextWeekly(now: number, weekday: number, secondsIntoDay: number): number {
  const candidate = Math.floor(now / WEEK) * WEEK + weekday * DAY + secondsIntoDay;
  return candidate > now ? candidate : candidate + WEEK;
}
