import { sample, weibullFromMean, type Distribution } from '../../engine/distributions.js';
import type { RandomStreams, Rng } from '../../engine/random.js';
import type { Simulator } from '../../engine/simulator.js';
import type { Nova } from '../../cloud/nova.js';
import type { Host } from '../../model/host.js';
import type { FailureLaw, FailureModel } from '../types.js';

/** When a failure law next strikes, and how long a repair takes, each from its own stream. */
class Clock {
  readonly #between: Distribution;

  constructor(
    readonly law: FailureLaw,
    private readonly failures: Rng,
    private readonly repairs: Rng,
  ) {
    this.#between = law.law === 'weibull' ? weibullFromMean(law.mtbf, law.shape) : { kind: 'exponential', mean: law.mtbf };
  }

  untilFailure(): number {
    return sample(this.#between, this.failures);
  }

  repairTime(): number {
    return sample(this.law.repair, this.repairs);
  }
}

const isUp = (host: Host): boolean => host.alive && host.reporting;

/**
 * Random host failures (fault injection only: what operators then do is
 * failures/recover). Every host, and every failure domain, draws its times
 * between failures and its repair times from streams of its own, named
 * after it, so failures are the same whatever the scheduling policy or the
 * rest of the scenario does (common random numbers). A host that is down
 * when its failure comes is skipped; after a repair the next failure is
 * drawn from the repair time.
 */
export class RandomFailures {
  readonly #hostFailure: number;
  readonly #hostRepair: number;
  readonly #domainFailure: number;
  readonly #domainRepair: number;
  readonly #hostClocks: Clock[] = [];
  readonly #partitions: Rng[] = [];
  readonly #domains: { readonly clock: Clock; readonly name: string; readonly kind: 'crash' | 'partition'; readonly hosts: Host[]; down: Host[] }[] = [];

  constructor(
    private readonly sim: Simulator,
    private readonly nova: Nova,
    private readonly model: FailureModel,
    private readonly streams: RandomStreams,
  ) {
    this.#hostFailure = sim.register('random-host-failure', (id) => this.#failHost(id));
    this.#hostRepair = sim.register('random-host-repair', (id) => this.#repairHost(id));
    this.#domainFailure = sim.register('random-domain-failure', (i) => this.#failDomain(i));
    this.#domainRepair = sim.register('random-domain-repair', (i) => this.#repairDomain(i));
  }

  start(): void {
    const hosts = this.nova.cloud.inventory.hosts;
    const perHost = this.model.hosts;
    if (perHost !== undefined) {
      for (const host of hosts) {
        const clock = new Clock(perHost, this.streams.stream(`failures/host/${host.name}`), this.streams.stream(`repairs/host/${host.name}`));
        this.#hostClocks[host.id] = clock;
        this.#partitions[host.id] = this.streams.stream(`failures/kind/${host.name}`);
        this.sim.after(clock.untilFailure(), this.#hostFailure, host.id);
      }
    }
    this.model.domains.forEach((d, i) => {
      const clock = new Clock(d, this.streams.stream(`failures/domain/${d.name}`), this.streams.stream(`repairs/domain/${d.name}`));
      this.#domains.push({ clock, name: d.name, kind: d.kind, hosts: hosts.filter((h) => h.failureDomain === d.name), down: [] });
      this.sim.after(clock.untilFailure(), this.#domainFailure, i);
    });
  }

  #failHost(id: number): void {
    const host = this.nova.cloud.inventory.hosts[id]!;
    const clock = this.#hostClocks[id]!;
    if (!isUp(host)) {
      this.sim.after(clock.untilFailure(), this.#hostFailure, id);
      return;
    }
    const partition = this.#partitions[id]!.next() < this.model.hosts!.partition_fraction;
    if (partition) this.nova.hosts.partition(host, 'random failure');
    else this.nova.hosts.fail(host, 'random failure');
    this.sim.after(clock.repairTime(), this.#hostRepair, id);
  }

  #repairHost(id: number): void {
    const host = this.nova.cloud.inventory.hosts[id]!;
    if (!isUp(host)) this.nova.hosts.recover(host);
    this.sim.after(this.#hostClocks[id]!.untilFailure(), this.#hostFailure, id);
  }

  #failDomain(i: number): void {
    const domain = this.#domains[i]!;
    domain.down = domain.hosts.filter(isUp);
    for (const host of domain.down) {
      if (domain.kind === 'partition') this.nova.hosts.partition(host, `failure domain ${domain.name}`);
      else this.nova.hosts.fail(host, `failure domain ${domain.name}`);
    }
    this.sim.after(domain.clock.repairTime(), this.#domainRepair, i);
  }

  #repairDomain(i: number): void {
    const domain = this.#domains[i]!;
    for (const host of domain.down) if (!isUp(host)) this.nova.hosts.recover(host);
    domain.down = [];
    this.sim.after(domain.clock.untilFailure(), this.#domainFailure, i);
  }
}
