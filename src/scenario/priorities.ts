/**
 * The order of events that fall at one instant: the model's own events
 * first (the kernel's default priority, 0), then the requests clients made
 * to a served cloud, then the samples. A served cloud processes every
 * event up to a request's time before it takes the request, and samples
 * what the instant ends with; giving requests their own priority between
 * the two makes a run of the recording (novasim run) take them at exactly
 * the same point.
 */
export const REQUEST_PRIORITY = 1;
export const SAMPLE_PRIORITY = 2;
