/**
 * What the extension under test is pointed at: user settings and environment for code-server (and so for the
 * extension host). The Azure emulator joins here once it exists.
 */
export interface TestEnvironment {
  settings: Record<string, unknown>;
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startTestEnvironment(_name: string): Promise<TestEnvironment> {
  return { settings: {}, env: {}, stop: async () => undefined };
}
