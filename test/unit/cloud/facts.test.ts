import { describe, expect, it } from 'vitest';
import type { Fact, HostFact, OperatorFact } from '../../../src/cloud/facts.js';
import { Bus } from '../../../src/engine/bus.js';
import type { HostId } from '../../../src/model/ids.js';

const host = 0 as HostId;

describe('the fact bus', () => {
  it('hands each handler the facts of its type only, in the order they were emitted', () => {
    const bus = new Bus<Fact>();
    const seen: string[] = [];
    bus.on('host', (fact) => seen.push(`host ${fact.action}`));
    bus.on('operator', (fact) => seen.push(`${fact.workflow} ${fact.action}`));

    bus.emit({ type: 'host', time: 1, host, action: 'fail_host', outcome: 'accepted', reason: '', server: null });
    bus.emit({ type: 'host_changed', time: 1, host });
    bus.emit({ type: 'operator', time: 2, host, action: 'drain_start', outcome: 'accepted', workflow: 'maintenance', detail: '', server: null });

    expect(seen).toEqual(['host fail_host', 'maintenance drain_start']);
  });

  it('refuses a misspelt fact type, action or workflow when it compiles', () => {
    const bus = new Bus<Fact>();
    // @ts-expect-error: there is no 'hots' fact
    bus.on('hots', () => {});
    // @ts-expect-error: fail_hots is no host action
    const crash: HostFact = { type: 'host', time: 0, host, action: 'fail_hots', outcome: 'accepted', reason: '', server: null };
    // @ts-expect-error: 'rolling-update' is no workflow (it is written 'rolling update')
    const step: OperatorFact = { type: 'operator', time: 0, host, action: 'updated', outcome: 'completed', workflow: 'rolling-update', detail: '', server: null };

    expect([crash.type, step.type]).toEqual(['host', 'operator']);
  });
});
