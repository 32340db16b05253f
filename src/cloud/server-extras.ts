import type { Rng } from '../engine/random.js';
import { metadataCountRefusal, metadataSizeRefusal } from '../lifecycle/metadata-rules.js';
import { passwordProblems } from '../lifecycle/password-policy.js';
import { decodePersonality, personalityLimitRefusal, type PersonalityItem } from '../lifecycle/personality-rules.js';
import type { Refusal } from '../lifecycle/refusal.js';
import type { CreateRequest, RequestOf } from '../lifecycle/requests.js';
import type { Flavor, Image } from '../model/catalog.js';
import type { ServerLimits } from '../model/compute-limits.js';
import type { ProjectId } from '../model/ids.js';
import { GENERATED_PASSWORD, ServerDetailsTable, type PasswordVerdict, type PendingFile } from '../model/server-details.js';
import type { Server } from '../model/server.js';
import { BuildProgress } from './build-progress.js';
import type { NovaConfig } from './config.js';
import type { Outcome } from './facts.js';
import { freshDisk, injectFiles } from './file-injection.js';
import { generatePassword } from './passwords.js';
import type { QuotaLedger } from './quota-ledger.js';
import type { ServerBooks } from './server-rows.js';

/** What a create brings past its checks: its metadata, the files to inject and its password's verdict. */
export interface CreateExtras {
  readonly metadata: Readonly<Record<string, string>>;
  readonly files: readonly PendingFile[];
  readonly password: PasswordVerdict;
}

/**
 * What the compute API adds to a server beyond placement and state:
 * metadata, personality files, the admin password's verdict, the build's
 * progress and the project's quota. The checks return Nova's refusals as
 * values; the rest records into the details table, which the outputs read.
 */
export class ServerExtras implements ServerBooks {
  readonly details = new ServerDetailsTable();
  readonly progress = new BuildProgress();
  #generatorChecked = false;

  constructor(
    readonly limits: ServerLimits,
    readonly quotas: QuotaLedger,
    private readonly config: NovaConfig,
    /** Draws the generated password: a stream of its own, so it shifts nothing else. */
    private readonly passwordRng: Rng,
  ) {}

  /** Every row of a server: keeps quota usage current and notes when a server's action failed (its fault's time). */
  recorded(server: Server, outcome: Outcome, time: number): void {
    this.quotas.observe(server);
    if (outcome === 'failed') this.details.of(server.id).faultAt = time;
  }

  /**
   * A create's checks once its flavor, image and project are known: the
   * body's 400s (metadata sizes, personality that is not base64 text),
   * then the 403s in Nova's order: metadata count, personality limits,
   * the project's instances, cores and ram quota.
   */
  checkCreate(request: CreateRequest, project: ProjectId, flavor: Flavor): Refusal | CreateExtras {
    const metadata = request.metadata ?? {};
    const decoded = decodePersonality(request.personality ?? []);
    if (!Array.isArray(decoded)) return decoded;
    const refusal =
      metadataSizeRefusal(metadata) ??
      metadataCountRefusal(Object.keys(metadata).length, this.limits) ??
      personalityLimitRefusal(decoded, this.limits) ??
      this.quotas.createRefusal(project, flavor);
    return refusal ?? { metadata, files: decoded, password: this.verdictOf(request.admin_pass) };
  }

  /** Records an accepted create's extras; a server with none of them gets no row. */
  acceptCreate(server: Server, extras: CreateExtras): void {
    const keys = Object.keys(extras.metadata);
    if (keys.length === 0 && extras.files.length === 0 && extras.password === GENERATED_PASSWORD) return;
    const details = this.details.of(server.id);
    for (const key of keys) details.metadata.set(key, extras.metadata[key]!);
    details.pendingFiles = extras.files;
    details.pendingPassword = extras.password;
  }

  /** Nova's update_instance_metadata: merges (`update`) or replaces (`delete=True`). */
  applyMetadata(server: Server, metadata: Readonly<Record<string, string>>, mode: 'merge' | 'replace'): void {
    const keys = Object.keys(metadata);
    if (keys.length === 0 && (mode === 'merge' || this.details.peek(server.id) === undefined)) return;
    const target = this.details.of(server.id).metadata;
    if (mode === 'replace') target.clear();
    for (const key of keys) target.set(key, metadata[key]!);
  }

  /** An accepted rebuild: the API replaces the metadata at once; its files and password wait for the spawn. */
  acceptRebuild(server: Server, request: RequestOf<'rebuild'>): void {
    if (request.metadata !== undefined) this.applyMetadata(server, request.metadata, 'replace');
    const files = this.filesOf(request.personality);
    const password = this.verdictOf(request.admin_pass);
    const row = this.details.peek(server.id);
    if (row === undefined && files.length === 0 && password === GENERATED_PASSWORD) return;
    const details = row ?? this.details.of(server.id);
    details.pendingFiles = files;
    details.pendingPassword = password;
  }

  /**
   * The spawn is over: the disk is the image's (a rebuild removes all
   * data) with the request's personality files written on it; the
   * password the request brought becomes the server's. Returns its verdict.
   */
  landSpawn(server: Server, now: number, image: Image = server.image): PasswordVerdict {
    const row = this.details.peek(server.id);
    if (row === undefined && (image.files ?? []).length === 0) return GENERATED_PASSWORD;
    const details = row ?? this.details.of(server.id);
    freshDisk(details, image);
    injectFiles(details, details.pendingFiles, now);
    details.pendingFiles = [];
    details.password = details.pendingPassword ?? GENERATED_PASSWORD;
    details.pendingPassword = null;
    return details.password;
  }

  /** set_admin_password landed on the guest: the verdict on the new password becomes the server's. */
  landPassword(server: Server, password: string): PasswordVerdict {
    const verdict = this.verdictOf(password);
    this.details.of(server.id).password = verdict;
    return verdict;
  }

  /**
   * A given password's verdict; with none, Nova generates one that meets
   * the policy. Only the verdict is kept, and it is the same for every
   * password the generator makes under the run's one policy: one password
   * is generated and checked (a generator that broke the policy would be a
   * defect), not one per create, which cost a tenth of a timeline run.
   */
  verdictOf(given: string | undefined): PasswordVerdict {
    const policy = this.config.password_policy;
    if (given !== undefined) return { source: 'given', problems: passwordProblems(given, policy) };
    if (!this.#generatorChecked) {
      const generated = generatePassword(this.passwordRng, this.config.password_length, policy);
      if (passwordProblems(generated, policy).length > 0) throw new Error('a generated password broke the password policy');
      this.#generatorChecked = true;
    }
    return GENERATED_PASSWORD;
  }

  /** The files of a personality the API admitted (one it would refuse is treated as none). */
  filesOf(items: readonly PersonalityItem[] | undefined): PendingFile[] {
    const decoded = decodePersonality(items ?? []);
    return Array.isArray(decoded) ? decoded : [];
  }
}
