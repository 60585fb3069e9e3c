import type { ConformanceViolation } from '../emulator/api';
import type { EmulatorControl } from '../emulator/control';

/** One violation on one line: what was exchanged, which spec said no, and why. */
export function describeViolation(v: ConformanceViolation): string {
  const status = v.status !== undefined ? ` → ${v.status}` : '';
  return `${v.kind} ${v.method} ${v.path}${status} (${v.operationId}, ${v.specFile || 'no spec'} ${v.specVersion}): ${v.errors.join('; ')}`;
}

/**
 * Asked after every integration and UI test: undefined when the emulator's spec check is on and saw nothing the
 * official specs do not allow since the test began (the emulator is reset before each test); otherwise why not.
 */
export async function conformanceProblem(control: EmulatorControl): Promise<string | undefined> {
  let violations: ConformanceViolation[];
  try {
    violations = await control.conformance();
  } catch (error) {
    return `the emulator cannot say whether the traffic conformed to the specs: ${(error as Error).message}`;
  }
  if (violations.length === 0) {
    return undefined;
  }
  return `the emulator saw ${violations.length} exchange(s) the official specs do not allow:\n${violations.map((v) => `  ${describeViolation(v)}`).join('\n')}`;
}
