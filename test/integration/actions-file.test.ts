import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, readCsv, runScenario, tempDir } from './helpers.js';

const SCENARIO = 'test/fixtures/actions-file/scenario.yaml';
let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = tempDir('actions-file');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('actions_file', () => {
  it('plays the CSV of requests as the timeline: creates, a reboot with its type, a delete', () => {
    const out = join(dir, 'ok');

    const r = runScenario(SCENARIO, out);

    expect(r.status, r.stderr).toBe(0);
    const requests = readCsv(out, 'events.csv').filter((e) => e.outcome === 'accepted').map((e) => `${e.time} ${e.server} ${e.action} ${e.status}`);
    expect(requests).toEqual(['0 web-1 create BUILD', '30 web-2 create BUILD', '600 web-1 reboot HARD_REBOOT', '900 web-2 delete ACTIVE']);
  });

  it.each([
    ['bad-flavor.csv', 'test/fixtures/actions-file/bad-flavor.csv:3:17: flavor: unknown flavor "m1.tiny"'],
    ['bad-time.csv', 'test/fixtures/actions-file/bad-time.csv:3:1: time: expected a number, got "soon"'],
  ])('refuses %s before the run, exit 2, naming file, line and field', (file, message) => {
    const out = join(dir, file);

    const r = runScenario(SCENARIO, out, ['--set', `actions_file=${file}`]);

    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
