import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../../src/scenario/json-schema.js';

const SCHEMA_FILE = 'schema/scenario.schema.json';
const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
// strict: false lets ajv skip formats it does not bundle (ipv4, ipv6), as editors do.
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const doc = (file: string): unknown => parse(readFileSync(file, 'utf8'), { maxAliasCount: 1000 });

describe('schema/scenario.schema.json', () => {
  it('is the schema the scenario spec generates (run `npm run schema` after changing the spec)', () => {
    expect(schema).toEqual(scenarioJsonSchema());
  });

  const shipped = readdirSync('scenarios').filter((f) => /\.ya?ml$/.test(f) && !/\.sweep\.ya?ml$/.test(f)).map((f) => join('scenarios', f));
  it.each([...shipped, 'test/fixtures/valid-small.yaml'])('accepts %s', (file) => {
    expect(validate(doc(file)), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  // The errors a schema can express; cross-references (unknown flavor, ...) are novasim validate's.
  it.each([
    ['wrong-type.yaml', '/hosts/0'],
    ['missing-field.yaml', '/flavors/0'],
    ['unknown-host-key.yaml', '/hosts/0'],
    ['unknown-top-key.yaml', ''],
    ['unknown-action.yaml', '/actions/1/action'],
    ['rate-without-unit.yaml', '/workload/0/arrivals'],
  ])('rejects test/fixtures/bad/%s at %s', (name, where) => {
    expect(validate(doc(join('test/fixtures/bad', name)))).toBe(false);
    expect(validate.errors!.map((e) => e.instancePath)).toContain(where);
  });

  it('rejects an expectation with two comparisons', () => {
    const scenario = doc('test/fixtures/valid-small.yaml') as Record<string, unknown>;
    expect(validate({ ...scenario, expect: [{ metric: 'placements.failed', equals: 0 }] })).toBe(true);
    expect(validate({ ...scenario, expect: [{ metric: 'placements.failed', equals: 0, at_most: 1 }] })).toBe(false);
  });
});
