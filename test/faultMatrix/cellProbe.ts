import * as nodeAssert from 'node:assert/strict';

/** The three things every cell must assert. */
export type Aspect = 'sees' | 'kept' | 'received';

/** node:assert/strict; annotate check parameters with it (`(assert: Asserts) => …`) so its assertions narrow types. */
export type Asserts = typeof nodeAssert;
type Assert = Asserts;
type Check = (assert: Assert) => void | Promise<void>;

/**
 * What a cell's body asserts through: `sees` (what the user / caller sees: message, row, summary, error type),
 * `kept` (nothing was lost: draft, selection, tree state, no partial result), `received` (what the service got:
 * how many requests, which headers). Each check gets a counting `assert`: a check that asserts nothing fails, and a
 * cell that leaves out one of the three fails, so a cell cannot pass by asserting nothing.
 */
export class CellProbe {
  private readonly recorded: Record<Aspect, string[]> = { sees: [], kept: [], received: [] };
  private readonly pending: Promise<void>[] = [];
  private readonly failures: unknown[] = [];

  sees(description: string, check: Check): Promise<void> {
    return this.run('sees', description, check);
  }

  kept(description: string, check: Check): Promise<void> {
    return this.run('kept', description, check);
  }

  received(description: string, check: Check): Promise<void> {
    return this.run('received', description, check);
  }

  /** The descriptions recorded so far, per aspect. */
  get aspects(): Readonly<Record<Aspect, readonly string[]>> {
    return this.recorded;
  }

  /** Waits for every check (also those the body did not await) and fails when an aspect is missing. */
  async finish(): Promise<void> {
    await Promise.all(this.pending);
    if (this.failures.length > 0) {
      throw this.failures[0];
    }
    const missing = (Object.keys(this.recorded) as Aspect[]).filter((aspect) => this.recorded[aspect].length === 0);
    if (missing.length > 0) {
      throw new nodeAssert.AssertionError({
        message: `the cell asserted nothing about ${missing.map((m) => `"${m}"`).join(', ')}: call cell.${missing[0]}(description, (assert) => ...)`,
      });
    }
  }

  private run(aspect: Aspect, description: string, check: Check): Promise<void> {
    const done = (async () => {
      let count = 0;
      const counting = new Proxy(nodeAssert, {
        apply(target, thisArg, args: unknown[]) {
          count++;
          return Reflect.apply(target as unknown as (...a: unknown[]) => unknown, thisArg, args);
        },
        get(target, property, receiver) {
          const value = Reflect.get(target, property, receiver) as unknown;
          if (typeof value !== 'function' || property === 'AssertionError') {
            return value;
          }
          return (...args: unknown[]) => {
            count++;
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      }) as Assert;
      await check(counting);
      if (count === 0) {
        throw new nodeAssert.AssertionError({ message: `cell.${aspect}("${description}") made no assertion` });
      }
      this.recorded[aspect].push(description);
    })();
    // Kept even when the body does not await it: finish() reports the failure.
    this.pending.push(done.catch((error: unknown) => void this.failures.push(error)));
    return done;
  }
}
