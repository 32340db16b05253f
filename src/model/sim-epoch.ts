/**
 * The wall-clock instant that simulated time 0 stands for, in Unix seconds:
 * Monday 2026-01-05 00:00:00 UTC. A Monday because workload/calendar.ts
 * starts every simulated week on a Monday at 00:00. Outputs that show
 * timestamps the way Nova does (the API's ISO dates, the `.bak.<unix time>`
 * suffix of a personality file moved aside) count from here; every other
 * output keeps plain simulated seconds.
 */
export const SIM_EPOCH_UNIX = 1_767_571_200;
