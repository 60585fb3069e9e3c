/**
 * The completion events of the manifest's walkthrough steps that the extension can observe itself (issue 16), each
 * with the steps it completes, by their fully qualified ids (`<extension id>#<walkthrough id>#<step id>`, as VS Code
 * names them). Read from `contributes.walkthroughs`, so the manifest stays the one place that says what completes what.
 */
export interface WalkthroughTriggers {
  /** `onCommand:<command id>` → steps. */
  readonly commands: ReadonlyMap<string, readonly string[]>;
  /** `onContext:<key>` with a bare key (done once the key is true) → steps. */
  readonly contexts: ReadonlyMap<string, readonly string[]>;
  /** `onView:<view id>` → steps. */
  readonly views: ReadonlyMap<string, readonly string[]>;
}

interface ManifestStep {
  id?: unknown;
  completionEvents?: unknown;
}

interface ManifestWalkthrough {
  id?: unknown;
  steps?: unknown;
}

const BARE_KEY = /^[\w.-]+$/;

function add(map: Map<string, string[]>, key: string, stepId: string): void {
  const steps = map.get(key) ?? [];
  if (!steps.includes(stepId)) {
    steps.push(stepId);
  }
  map.set(key, steps);
}

export function walkthroughTriggers(extensionId: string, manifest: unknown): WalkthroughTriggers {
  const commands = new Map<string, string[]>();
  const contexts = new Map<string, string[]>();
  const views = new Map<string, string[]>();
  const walkthroughs = (manifest as { contributes?: { walkthroughs?: unknown } } | undefined)?.contributes?.walkthroughs;
  for (const walkthrough of Array.isArray(walkthroughs) ? (walkthroughs as ManifestWalkthrough[]) : []) {
    if (typeof walkthrough.id !== 'string' || !Array.isArray(walkthrough.steps)) {
      continue;
    }
    for (const step of walkthrough.steps as ManifestStep[]) {
      if (typeof step.id !== 'string' || !Array.isArray(step.completionEvents)) {
        continue;
      }
      const stepId = `${extensionId}#${walkthrough.id}#${step.id}`;
      for (const event of step.completionEvents) {
        if (typeof event !== 'string') {
          continue;
        }
        const colon = event.indexOf(':');
        const [kind, argument] = colon < 0 ? [event, ''] : [event.slice(0, colon), event.slice(colon + 1).trim()];
        if (kind === 'onCommand' && argument) {
          add(commands, argument.replace(/^toSide:/, ''), stepId);
        } else if (kind === 'onContext' && BARE_KEY.test(argument)) {
          add(contexts, argument, stepId);
        } else if (kind === 'onView' && argument) {
          add(views, argument, stepId);
        }
      }
    }
  }
  return { commands, contexts, views };
}
