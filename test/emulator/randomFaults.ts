/**
 * Random failures for long runs: each Batch/ARM request (not the token service, not the control API) fails with
 * probability `rate`, with a fault drawn from `faults`; the draws come from a seeded generator, so a run is
 * repeatable for a given order of requests.
 */
import type { FaultKind, FaultSpec } from './api';

export interface RandomFaultsSpec {
  /** Probability that a request fails, 0 … 1 (e.g. 0.01). */
  rate: number;
  /** Seed of the generator (any integer). */
  seed: number;
  /** The faults to draw from, uniformly ('status', 'reset', 'resetAfterProcessing', 'cutBody', 'malformedJson'). */
  faults: FaultSpec[];
}

export interface RandomFaultStats {
  /** Requests the generator was asked about. */
  seen: number;
  /** Requests it failed, in all and per fault kind (a 'status' fault is counted as "status <code>"). */
  injected: number;
  byKind: Record<string, number>;
}

const ALLOWED: FaultKind[] = ['status', 'reset', 'resetAfterProcessing', 'cutBody', 'malformedJson'];

/** mulberry32: a small, fast, seeded 32-bit generator (uniform in [0, 1)). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class RandomFaults {
  private readonly random: () => number;
  private readonly stats: RandomFaultStats = { seen: 0, injected: 0, byKind: {} };

  constructor(private readonly spec: RandomFaultsSpec) {
    if (!(spec.rate >= 0 && spec.rate <= 1)) { throw new Error('rate must be between 0 and 1'); }
    if (spec.faults.length === 0) { throw new Error('random faults need at least one fault to draw from'); }
    for (const f of spec.faults) {
      if (!ALLOWED.includes(f.kind)) { throw new Error(`random fault kind '${f.kind}' is not supported (expected one of ${ALLOWED.join(', ')})`); }
      if (f.kind === 'status' && (typeof f.status !== 'number' || f.status < 400 || f.status > 599)) { throw new Error("a 'status' fault needs status between 400 and 599"); }
    }
    this.random = seededRandom(spec.seed);
  }

  /** The fault for this request, or undefined (it goes through). */
  draw(): FaultSpec | undefined {
    this.stats.seen += 1;
    if (this.random() >= this.spec.rate) { return undefined; }
    const fault = this.spec.faults[Math.floor(this.random() * this.spec.faults.length)]!;
    this.stats.injected += 1;
    const key = fault.kind === 'status' ? `status ${fault.status}` : fault.kind;
    this.stats.byKind[key] = (this.stats.byKind[key] ?? 0) + 1;
    return fault;
  }

  snapshot(): RandomFaultStats {
    return { ...this.stats, byKind: { ...this.stats.byKind } };
  }
}
