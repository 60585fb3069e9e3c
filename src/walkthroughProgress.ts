/**
 * Completes the steps of the "Get started with Azure Batch" walkthrough when the extension sees them done (issue 16).
 *
 * VS Code counts a step's `completionEvents` only while its walkthroughs service exists, and that service is created on
 * first use (`registerSingleton(IWalkthroughsService, WalkthroughsService, InstantiationType.Delayed)` in
 * welcomeGettingStarted/browser/gettingStartedService.ts): usually when the walkthrough is opened. Commands run and
 * views shown before that are never seen. A context key that is already true when the service registers the
 * walkthrough is not counted either: `registerDoneListeners` adds its `onContext:` event to `sessionEvents` without
 * calling `progressStep`, and `progressByEvent` then ignores that event for the rest of the session (VS Code 1.139).
 * So the extension reports each step itself, once per session, through VS Code's own `welcome.markStepComplete`
 * (the command behind a step's "Mark Done"), which stores the step as done in the profile even while the walkthrough
 * is not registered yet. The manifest's completionEvents stay: they complete steps whenever the service is alive.
 */
import * as vscode from 'vscode';
import type { CommandRunner } from './commands/commandWrapper';
import type { ExtensionServices } from './extensionServices';
import { errorMessage } from './utils/errors';
import { walkthroughTriggers } from './utils/walkthroughTriggers';

const EXPLORER_VIEW = 'azureBatch.explorer';
const SIGNED_IN_KEY = 'azureBatch.signedIn';

export function trackWalkthroughProgress(services: Pick<ExtensionServices, 'context' | 'log' | 'tree' | 'treeView'>, commands: CommandRunner): vscode.Disposable {
  const { context, log, tree, treeView } = services;
  const triggers = walkthroughTriggers(context.extension.id, context.extension.packageJSON);
  const marked = new Set<string>();
  const complete = (stepIds: readonly string[] | undefined): void => {
    for (const stepId of stepIds ?? []) {
      if (marked.has(stepId)) {
        continue;
      }
      marked.add(stepId);
      vscode.commands.executeCommand('welcome.markStepComplete', stepId).then(
        () => log.debug(`walkthrough step ${stepId} marked done`),
        // Before VS Code registered the walkthrough the command throws after storing the step as done.
        (error: unknown) => log.debug(`walkthrough step ${stepId}: welcome.markStepComplete said ${errorMessage(error)}`),
      );
    }
  };
  const showView = (visible: boolean): void => {
    if (visible) {
      complete(triggers.views.get(EXPLORER_VIEW));
    }
  };
  showView(treeView.visible);
  return vscode.Disposable.from(
    commands.onDidStart((commandId) => complete(triggers.commands.get(commandId))),
    treeView.onDidChangeVisibility((e) => showView(e.visible)),
    tree.onDidChangeSignedIn((signedIn) => signedIn && complete(triggers.contexts.get(SIGNED_IN_KEY))),
  );
}
