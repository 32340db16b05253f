import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ServedClock } from '../../src/serve/clock.js';
import { firstError, novaDetail } from '../../src/serve/compute/json-schema.js';
import { requestedVersion } from '../../src/serve/compute/microversion.js';
import { pyRepr } from '../../src/serve/compute/py-repr.js';
import { Recorder, standIn } from '../../src/serve/recorder.js';
import { passwordProblems } from '../../src/lifecycle/password-policy.js';
import { Router } from '../../src/serve/http/router.js';

describe("Python's repr, as Nova's messages quote values", () => {
  it('prints texts, numbers, lists and mappings as Python does', () => {
    expect(pyRepr({ name: 'x', n: 1, ok: true, none: null, list: [1.5, 'a'] })).toBe("{'name': 'x', 'n': 1, 'ok': True, 'none': None, 'list': [1.5, 'a']}");
    expect(pyRepr("it's")).toBe('"it\'s"');
    expect(pyRepr('a\nb')).toBe("'a\\nb'");
    expect(pyRepr(0.1)).toBe('0.1');
  });
});

describe('the request schema checker', () => {
  const schema = { type: 'object', properties: { n: { type: ['integer', 'string'], pattern: '^[0-9]*$', minimum: 1, minLength: 1 } }, required: ['n'], additionalProperties: false } as const;
  it("gives jsonschema's first error in Nova's words", () => {
    expect(novaDetail(firstError(schema, { n: 0 })!)).toBe('Invalid input for field/attribute n. Value: 0. 0 is less than the minimum of 1');
    expect(novaDetail(firstError(schema, { n: '0' })!)).toBe('Invalid input for field/attribute n. Value: 0. 0 is less than the minimum of 1');
    expect(novaDetail(firstError(schema, { n: 'x' })!)).toBe("Invalid input for field/attribute n. Value: x. 'x' does not match '^[0-9]*$'");
    expect(novaDetail(firstError(schema, { n: 1.5 })!)).toBe("Invalid input for field/attribute n. Value: 1.5. 1.5 is not of type 'integer', 'string'");
    expect(novaDetail(firstError(schema, {})!)).toBe("'n' is a required property");
    expect(novaDetail(firstError(schema, { n: 1, b: 2, a: 3 })!)).toBe("Additional properties are not allowed ('b', 'a' were unexpected)");
    expect(firstError(schema, { n: 7 })).toBeNull();
  });
});

describe('microversion headers', () => {
  it('reads the service list and the legacy header, and refuses what Nova refuses', () => {
    expect(requestedVersion({ 'openstack-api-version': 'volume 3.5, compute 2.47' })).toEqual({ major: 2, minor: 47 });
    expect(requestedVersion({ 'x-openstack-nova-api-version': '2.3' })).toEqual({ major: 2, minor: 3 });
    expect(requestedVersion({})).toEqual({ major: 2, minor: 1 });
    expect(requestedVersion({ 'openstack-api-version': 'compute 2.0' })).toMatchObject({ status: 406 });
    expect(requestedVersion({ 'openstack-api-version': 'compute 02.1' })).toMatchObject({ status: 400 });
  });
});

describe('stand-in passwords', () => {
  it('keep the length and the character classes, so every policy judges them alike', () => {
    const policies = [{ min_length: 8, require: ['lower', 'upper', 'digit', 'symbol'] as const }, { min_length: 12, require: [] }, { min_length: 0, require: ['symbol'] as const }];
    for (const password of ['Short', 'Correct-Horse-9', 'ünïcödé', '12345678', '   ', 'あいう', '']) {
      const stand = standIn(password);
      expect([...stand].length).toBe([...password].length);
      for (const policy of policies) expect(passwordProblems(stand, policy)).toEqual(passwordProblems(password, policy));
      if (password.length > 2) expect(stand).not.toBe(password);
    }
  });
});

describe('the served clock', () => {
  it('runs at its speed and jumps when advanced, never backwards', () => {
    let wall = 1000;
    const clock = new ServedClock(60, () => wall);
    wall += 500;
    expect(clock.now()).toBe(30);
    clock.advance(100);
    expect(clock.now()).toBe(130);
    wall += 1000;
    expect(clock.now()).toBe(190);
    expect(() => clock.advance(-1)).toThrow();
  });
});

describe('the router', () => {
  it('prefers literal segments and names the methods a path allows', () => {
    const r = new Router<string>().add('GET', 'servers/:id', 'show').add('GET', 'servers/detail', 'detail').add('POST', 'servers', 'create');
    expect(r.match('GET', ['servers', 'detail'])).toEqual({ handler: 'detail', params: {} });
    expect(r.match('GET', ['servers', 'x'])).toEqual({ handler: 'show', params: { id: 'x' } });
    expect(r.match('DELETE', ['servers'])).toEqual({ allowed: ['POST'] });
    expect(r.match('GET', ['nothing'])).toBeUndefined();
  });
});

describe('the recording (--record FILE)', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const scratch = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'novasim-record-'));
    dirs.push(dir);
    return dir;
  };

  it('is refused when FILE exists before the cloud is served', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'mine.yaml'), 'keep me\n');

    expect(() => new Recorder(join(dir, 'mine.yaml'), 'name: x\n')).toThrow(/exists; novasim does not replace it/);
    expect(readFileSync(join(dir, 'mine.yaml'), 'utf8')).toBe('keep me\n');
  });

  it('never replaces a file that appeared at FILE while the cloud was served, and leaves no temporary file', () => {
    const dir = scratch();
    const recorder = new Recorder(join(dir, 'rec.yaml'), 'name: x\n');
    writeFileSync(join(dir, 'rec.yaml'), 'written meanwhile\n');

    expect(() => recorder.write(10)).toThrow(/appeared while the cloud was served/);
    expect(readFileSync(join(dir, 'rec.yaml'), 'utf8')).toBe('written meanwhile\n');
    expect(readdirSync(dir)).toEqual(['rec.yaml']);
  });

  it("leaves alone a file already at its temporary name, which is not novasim's", () => {
    const dir = scratch();
    const recorder = new Recorder(join(dir, 'rec.yaml'), 'name: x\n');
    const temp = join(dir, `.rec.yaml.partial-${process.pid}`);
    writeFileSync(temp, 'someone else\n');

    expect(() => recorder.write(10)).toThrow(/partial-\d+ exists; novasim does not replace it/);
    expect(readFileSync(temp, 'utf8')).toBe('someone else\n');
    expect(readdirSync(dir)).toEqual([`.rec.yaml.partial-${process.pid}`]);
  });

  it('writes FILE whole when it is still free', () => {
    const dir = scratch();
    const recorder = new Recorder(join(dir, 'rec.yaml'), 'name: x\n');
    recorder.add({ at: 1, action: 'fail_host', host: 'h' });

    recorder.write(10);

    expect(readFileSync(join(dir, 'rec.yaml'), 'utf8')).toContain('stopped_at: 10');
    expect(readdirSync(dir)).toEqual(['rec.yaml']);
  });
});
