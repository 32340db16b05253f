import { expect } from 'vitest';
import type { Scenario } from '../../../src/scenario/schema.js';
import { loadScenario } from '../../../src/scenario/validate.js';

/** A small valid scenario: one flavor, image and host, projects p and q; `extra` YAML is appended. */
export const scenarioText = (extra: string, hosts = 'hosts:\n  - { name: h, vcpus: 4, ram_mb: 8192, disk_gb: 100 }'): string =>
  [
    'name: t',
    'duration: 1d',
    'flavors:',
    '  - { name: f, vcpus: 1, ram_mb: 1024, disk_gb: 10 }',
    'images:',
    '  - { name: i, size_gb: 1 }',
    hosts,
    'projects:',
    '  - { name: p }',
    '  - { name: q }',
    extra,
  ].join('\n');

/** Loads YAML that must be valid. */
export function accepted(text: string): Scenario {
  const loaded = loadScenario('t.yaml', text);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => `${e.line}: ${e.field}: ${e.message}`).join('\n'));
  return loaded.scenario;
}

/** Loads YAML that must be refused; returns its errors as `line: field: message`. */
export function refused(text: string): string[] {
  const loaded = loadScenario('t.yaml', text);
  expect(loaded.ok).toBe(false);
  return loaded.ok ? [] : loaded.errors.map((e) => `${e.line}: ${e.field}: ${e.message}`);
}

/** `text` is refused with exactly one error: `message` on the first line containing `where`. */
export function expectOneError(text: string, where: string, message: string): void {
  const errors = refused(text);

  expect(errors, errors.join('\n')).toHaveLength(1);
  expect(errors[0]).toBe(`${lineOf(text, where)}: ${message}`);
}

/** The 1-based line of the first line of `text` containing `snippet`. */
export function lineOf(text: string, snippet: string): number {
  const index = text.split('\n').findIndex((l) => l.includes(snippet));
  if (index < 0) throw new Error(`no line contains ${snippet}`);
  return index + 1;
}
