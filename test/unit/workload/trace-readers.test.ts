import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readAzureCpuReadings, readAzureVmTable } from '../../../src/workload/traces/azure-vmtable.js';
import { splitCsv } from '../../../src/workload/traces/csv-fields.js';
import { readLines } from '../../../src/workload/traces/lines.js';
import { planetLabFiles, readPlanetLabTrace } from '../../../src/workload/traces/planetlab.js';
import { readRequestLog } from '../../../src/workload/traces/request-log.js';

const FIXTURES = 'test/fixtures/traces';
const PLANETLAB = `${FIXTURES}/planetlab`;

const scratchDirs: string[] = [];
afterEach(() => scratchDirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A scratch file holding `content` (its folder removed after the test); returns its path. */
function scratch(name: string, content: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'novasim-traces-'));
  scratchDirs.push(dir);
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** The message of the error `f` throws. */
function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('readLines', () => {
  it('streams LF and CRLF lines, a last line without a newline included, with their numbers', () => {
    const file = scratch('t.txt', 'a\r\nb\n\nc');

    expect([...readLines(file)]).toEqual([
      { number: 1, text: 'a' },
      { number: 2, text: 'b' },
      { number: 3, text: '' },
      { number: 4, text: 'c' },
    ]);
  });

  it('keeps a multi-byte character whole across the read chunks', () => {
    const line = `${'x'.repeat((1 << 16) - 1)}é`;
    const file = scratch('t.txt', `${line}\nend\n`);

    expect([...readLines(file)].map((l) => l.text)).toEqual([line, 'end']);
  });

  it.each([
    ['gzip data', Buffer.from([0x1f, 0x8b, 8, 0]), 'g.txt:1: is gzip-compressed; decompress it first'],
    ['NUL bytes', 'ok\nbad\0\n', 'g.txt:2: holds NUL bytes: binary data, not text'],
    ['bytes that are not UTF-8', Buffer.from([0x61, 0x0a, 0xff, 0x0a]), 'g.txt:2: is not UTF-8 text'],
  ])('refuses %s with the line where they show', (_, content, message) => {
    const file = scratch('g.txt', content);

    expect(errorOf(() => [...readLines(file)])).toBe(`${file.slice(0, -'g.txt'.length)}${message}`);
  });

  it('names a file it cannot read', () => {
    expect(errorOf(() => [...readLines('/no/such/file')])).toBe('/no/such/file: cannot read the file (ENOENT)');
  });
});

describe('splitCsv', () => {
  it('gives each cell its column, with quoted commas and doubled quotes', () => {
    expect(splitCsv('f', 1, 'a, b ,,"c,d","e""f",')).toEqual([
      { text: 'a', column: 1 },
      { text: 'b', column: 3 },
      { text: '', column: 7 },
      { text: 'c,d', column: 8 },
      { text: 'e"f', column: 14 },
      { text: '', column: 21 },
    ]);
  });

  it('refuses a quote left open on its line, where it opens', () => {
    expect(errorOf(() => splitCsv('f.csv', 4, 'a,"b,c'))).toBe('f.csv:4:3: a quoted cell is not closed on its line');
  });
});

describe('the PlanetLab reader', () => {
  it('reads whole percentages as the fractions CloudSim computes (v / 100.0)', () => {
    expect([...readPlanetLabTrace(`${PLANETLAB}/node-a_example_org_ slice one`)]).toEqual([0.1, 0.2, 0.3, 0.4]);
    expect(readPlanetLabTrace(`${PLANETLAB}/node-a_example_org_ slice one`)[2]).toBe(30 / 100);
  });

  it('puts files with spaces in their names in the order file\'s order, never splitting a name', () => {
    expect(planetLabFiles(PLANETLAB, { kind: 'file', file: `${FIXTURES}/planetlab-order.txt` })).toEqual([
      'node-b_example_org_slice_two',
      'node c example org slice three',
      'node-a_example_org_ slice one',
    ]);
  });

  it('sorts names by code unit when asked (Java\'s String.compareTo)', () => {
    expect(planetLabFiles(PLANETLAB, { kind: 'sorted' })).toEqual([
      'node c example org slice three',
      'node-a_example_org_ slice one',
      'node-b_example_org_slice_two',
    ]);
  });

  it('accepts an order file of bare names', () => {
    const order = scratch('order.txt', 'node-a_example_org_ slice one\nnode c example org slice three\nnode-b_example_org_slice_two\n');

    expect(planetLabFiles(PLANETLAB, { kind: 'file', file: order })[0]).toBe('node-a_example_org_ slice one');
  });

  it.each([
    ['a name with its space trimmed away', '0\t1\tnode-a_example_org_slice one\n', ':1: name: no file "node-a_example_org_slice one" in test/fixtures/traces/planetlab'],
    ['a name twice', 'node-b_example_org_slice_two\nnode-b_example_org_slice_two\n', ':2: name: "node-b_example_org_slice_two" is listed twice'],
    ['indices that skip', '0\t2500\tnode-b_example_org_slice_two\n2\t2500\tnode c example org slice three\n', ':2:1: index: expected 1 (indices count from 0), got "2"'],
    ['files left out', 'node-b_example_org_slice_two\n', ': does not list 2 file(s) of test/fixtures/traces/planetlab, e.g. "node c example org slice three"'],
  ])('refuses an order file with %s', (_, content, message) => {
    const order = scratch('order.txt', content);

    expect(errorOf(() => planetLabFiles(PLANETLAB, { kind: 'file', file: order }))).toBe(`${order}${message}`);
  });

  it.each([
    ['a fraction', '10\n12.5\n', ':2:1: cpu_percent: expected a whole percentage from 0 to 100, got "12.5"'],
    ['a percentage over 100', '101\n', ':1:1: cpu_percent: expected a whole percentage from 0 to 100, got "101"'],
    ['a blank line', '10\n\n20\n', ':2:1: cpu_percent: expected a whole percentage from 0 to 100, got an empty cell'],
    ['no samples', '', ': holds no samples'],
  ])('refuses a trace with %s, naming the file (spaces and all) and line', (_, content, message) => {
    const file = scratch('host_ slice', content);

    expect(errorOf(() => readPlanetLabTrace(file))).toBe(`${file}${message}`);
  });

  it('checks the number of samples when told it', () => {
    const file = `${PLANETLAB}/node-a_example_org_ slice one`;

    expect(readPlanetLabTrace(file, 4)).toHaveLength(4);
    expect(errorOf(() => readPlanetLabTrace(file, 288))).toBe(`${file}: expected 288 samples, found 4`);
    expect(errorOf(() => readPlanetLabTrace(file, 3))).toBe(`${file}:4:1: cpu_percent: expected 3 samples, found more`);
  });
});

describe('the Azure VM table reader', () => {
  it('reads every column shape: hashed ids, quoted cells, integers, decimals, exponents, categories and > buckets', () => {
    const vms = [...readAzureVmTable(`${FIXTURES}/vmtable.csv`)];

    expect(vms).toHaveLength(3);
    expect(vms[0]).toEqual({
      line: 1,
      id: 'x/XsOfHO4ocsV99i4NluqKDuxctW2MMVmwqOPAlg4wp8mqbBOe3wxBlQo0+Qx+uf',
      subscription: 'VDU4C8cqdr+ORcqquwMRcsBA2l0SC6lLPys0Y48bTK4=',
      deployment: 'PbOTjYnYZcZ+Nuc3mWu6qFcoKLwwzKJvQO+6yv0hO8Y=',
      created: 0,
      deleted: 2591700,
      maxCpu: 99.369869,
      avgCpu: 3.424094,
      p95MaxCpu: 10.194309,
      category: 'Delay-insensitive',
      coreBucket: '1',
      memoryBucket: '1.75',
    });
    expect(vms[1]).toMatchObject({ id: 'H5CxmMoVcZSpjgGbohnVA3R+yNHGHo+SfLTHmg/uJxxeKqBhd25Or5Lt8uMvhlWs', maxCpu: 20, avgCpu: 0.5, p95MaxCpu: 1.3e-5, category: 'Interactive' });
    expect(vms[2]).toMatchObject({ line: 3, maxCpu: 100, coreBucket: '>24', memoryBucket: '>64', category: 'Unknown' });
  });

  it('skips a header row', () => {
    const file = scratch('vmtable.csv', 'vmid,subscriptionid,deploymentid,vmcreated,vmdeleted,maxcpu,avgcpu,p95maxcpu,vmcategory,vmcorecountbucket,vmmemorybucket\nv,s,d,0,300,1,1,1,Unknown,2,4\n');

    expect([...readAzureVmTable(file)].map((vm) => [vm.id, vm.line])).toEqual([['v', 2]]);
  });

  it.each([
    ['a time that is not whole', 'v,s,d,0.5,300,1,1,1,Unknown,2,4', ':1:7: vmcreated: expected a whole number, got "0.5"'],
    ['deletion before creation', 'v,s,d,600,300,1,1,1,Unknown,2,4', ':1:11: vmdeleted: expected a time at or after vmcreated (600), got 300'],
    ['a CPU figure over 100 %', 'v,s,d,0,300,1,100.5,1,Unknown,2,4', ':1:15: avgcpu: expected a number from 0 to 100, got 100.5'],
    ['a CPU figure that is text', 'v,s,d,0,300,1,NaN,1,Unknown,2,4', ':1:15: avgcpu: expected a number, got "NaN"'],
    ['an unknown category', 'v,s,d,0,300,1,1,1,Batch,2,4', ':1:19: vmcategory: expected one of Delay-insensitive, Interactive, Unknown, got "Batch"'],
    ['a bucket that is not one', 'v,s,d,0,300,1,1,1,Unknown,2-4,4', ':1:27: vmcorecountbucket: expected a bucket such as 2, 8 or >24, got "2-4"'],
    ['a missing column', 'v,s,d,0,300,1,1,1,Unknown,2', ':1: vmmemorybucket: missing: the row has 10 cells, expected 11'],
    ['an extra column', 'v,s,d,0,300,1,1,1,Unknown,2,4,x', ':1:31: expected 11 cells, found 12'],
    ['an empty id', ',s,d,0,300,1,1,1,Unknown,2,4', ':1:1: vmid: expected a value, got an empty cell'],
  ])('refuses %s, naming the line, column and field', (_, row, message) => {
    const file = scratch('vmtable.csv', `${row}\n`);

    expect(errorOf(() => [...readAzureVmTable(file)])).toBe(`${file}${message}`);
  });

  it('refuses rows out of creation order when arrivals stream from the table', () => {
    const file = scratch('vmtable.csv', 'a,s,d,600,900,1,1,1,Unknown,2,4\nb,s,d,300,900,1,1,1,Unknown,2,4\n');

    expect([...readAzureVmTable(file)]).toHaveLength(2);
    expect(errorOf(() => [...readAzureVmTable(file, { inCreationOrder: true })])).toBe(
      `${file}:2:7: vmcreated: the rows must be in creation order (sort the file by vmcreated); 300 comes after 600`,
    );
  });
});

describe('the Azure CPU readings reader', () => {
  it('reads rows in time order, with CRLF endings, a header and a quoted id', () => {
    expect([...readAzureCpuReadings(`${FIXTURES}/cpu-readings.csv`)]).toEqual([
      { line: 2, time: 0, vmId: 'a', min: 1.5, max: 9.25, avg: 3 },
      { line: 3, time: 300, vmId: 'a', min: 0, max: 100, avg: 50.125 },
      { line: 4, time: 300, vmId: 'b,c', min: 0.002, max: 3, avg: 1 },
    ]);
  });

  it('refuses a reading earlier than the one above it', () => {
    const file = scratch('r.csv', '300,a,1,1,1\n0,a,1,1,1\n');

    expect(errorOf(() => [...readAzureCpuReadings(file)])).toBe(`${file}:2:1: timestamp: the rows must be in time order; 0 comes after 300`);
  });
});

describe('the request log reader', () => {
  it('streams requests with their cells by column name, leaving empty cells out', () => {
    const requests = [...readRequestLog(`${FIXTURES}/requests.csv`)];

    expect(requests.map((r) => [r.line, r.time, r.action.text, Object.fromEntries([...r.fields].map(([k, c]) => [k, c.text]))])).toEqual([
      [3, 0, 'create', { server: 'web-1', flavor: 'small', image: 'cirros', project: 'ops' }],
      [4, 30, 'create', { server: 'db-primary', flavor: 'large', image: 'cirros', project: 'ops', metadata: '{role: db, tier: "1"}' }],
      [5, 3600, 'resize', { server: 'web-1', flavor: 'large' }],
      [6, 3700, 'confirm_resize', { server: 'web-1' }],
      [7, 7200, 'delete', { server: 'db-primary' }],
    ]);
    expect(requests[2]!.fields.get('flavor')).toEqual({ text: 'large', column: 19 });
  });

  it.each([
    ['a header without an action column', 'time,server\n0,a\n', ':1: the header must name a \'action\' column; it names time, server'],
    ['a column named twice', 'time,action,server,server\n', ':1:20: the column \'server\' appears twice'],
    ['a column name with spaces', 'time,action,Server Name\n', ':1:13: expected a column name of lower-case letters, digits and _, got "Server Name"'],
    ['rows out of time order', 'time,action,server\n60,stop,a\n30,start,a\n', ':3:1: time: the rows must be in time order; 30 comes after 60'],
    ['a negative time', 'time,action,server\n-1,stop,a\n', ':2:1: time: expected a number from 0 to Infinity, got -1'],
    ['an empty action', 'time,action,server\n0,,a\n', ':2:3: action: expected an action, got an empty cell'],
    ['no header at all', '# nothing\n', ': holds no header; expected one naming the columns, e.g. time,action,server'],
  ])('refuses %s', (_, content, message) => {
    const file = scratch('log.csv', content);

    expect(errorOf(() => [...readRequestLog(file)])).toBe(`${file}${message}`);
  });
});
