import { describe, expect, it } from 'vitest';
import { hostIdOf } from '../../../src/model/host-id.js';

describe('hostIdOf', () => {
  it("is Nova's sha224 of project id then host name, in hex", () => {
    // python3 -c "import hashlib; print(hashlib.sha224(('demo' + 'compute-0').encode('utf-8')).hexdigest())"
    expect(hostIdOf('compute-0', 'demo')).toBe('edfabae84a69de68fce2750619e5f38cae7a3b809452e70a8854f66b');
  });

  it('is shared by two servers of one project on one host', () => {
    expect(hostIdOf('compute-3', 'web')).toBe(hostIdOf('compute-3', 'web'));
    expect(hostIdOf('compute-3', 'web')).not.toBe(hostIdOf('compute-4', 'web'));
  });

  it('differs between two projects on one host', () => {
    expect(hostIdOf('compute-3', 'web')).not.toBe(hostIdOf('compute-3', 'batch'));
  });

  it('is empty for a server with no host', () => {
    expect(hostIdOf(null, 'web')).toBe('');
  });
});
