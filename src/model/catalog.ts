import type { FlavorId, ImageId, ProjectId } from './ids.js';

/** A flavor: the size of a server (nova flavor-show). */
export interface Flavor {
  readonly id: FlavorId;
  readonly name: string;
  readonly vcpus: number;
  readonly ramMb: number;
  readonly diskGb: number;
  /** Flavor extra specs (`aggregate_instance_extra_specs:...` pins the flavor to aggregates). */
  readonly extraSpecs?: Readonly<Record<string, string>>;
  /** MB/s of RAM a running guest of this flavor dirties (the live migration model); absent: 0, an idle guest. */
  readonly dirtyRateMbS?: number;
}

/** A Glance image; its size drives build, rebuild and unshelve times. */
export interface Image {
  readonly id: ImageId;
  readonly name: string;
  readonly sizeGb: number;
  /** Paths of files the image ships that personality files may land on (they are then moved aside). */
  readonly files?: readonly string[];
}

/** A Keystone project (tenant): owner of servers. */
export interface Project {
  readonly id: ProjectId;
  readonly name: string;
}
