/** Seeded pseudo-random numbers (mulberry32) so every data set is generated identically on every start. */

export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(minInclusive: number, maxInclusive: number): number {
    return minInclusive + Math.floor(this.next() * (maxInclusive - minInclusive + 1));
  }

  /** Picks a key by weight. */
  weighted<K extends string>(weights: readonly (readonly [K, number])[]): K {
    const total = weights.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [key, w] of weights) {
      r -= w;
      if (r < 0) { return key; }
    }
    return weights[weights.length - 1]![0];
  }

  /** Base64 of n random bytes (account keys look like the real 88-character ones for n = 64). */
  base64(n: number): string {
    const bytes = Buffer.alloc(n);
    for (let i = 0; i < n; i++) { bytes[i] = Math.floor(this.next() * 256); }
    return bytes.toString('base64');
  }
}
