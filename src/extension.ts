import * as vscode from 'vscode';
import { CommandRunner } from './commands/commandWrapper';
import { registerCommands } from './commands/registerCommands';
import { createServices, type EditorOpeners, type ExtensionServices } from './extensionServices';
import { createTelemetry } from './telemetry/telemetry';
import { createTestApi, type TestApi } from './testApi';
import { setTranslator } from './utils/l10n';
import * as imageDefinition from './webviews/imageDefinitionPanel';
import { JsonEditorPanel } from './webviews/jsonEditorPanel';
import * as poolPatch from './webviews/poolPatchPanel';

export type { TestApi } from './testApi';

/** What the extension exports. `test` is present only when VS Code runs it in test mode. */
export interface ExtensionApi {
  readonly apiVersion: 1;
  readonly test?: TestApi;
}

/** The editors (src/webviews) on the services: how the commands open them. */
function editorOpeners(services: ExtensionServices): EditorOpeners {
  return {
    openPoolPatch: (target) => void poolPatch.openPoolPatchEditor(services, target),
    openImageDefinition: (target) => void imageDefinition.openImageDefinitionEditor(services, target),
  };
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  setTranslator((message, ...args) => vscode.l10n.t(message, ...args));
  const telemetry = createTelemetry();
  const services = createServices(context, telemetry, editorOpeners);
  const commands = new CommandRunner(services);
  JsonEditorPanel.initialize({ extensionUri: context.extensionUri, storage: context.globalState, log: services.log });
  context.subscriptions.push(
    ...registerCommands(services, commands),
    poolPatch.registerPoolPatchSerializer(services),
    imageDefinition.registerImageDefinitionSerializer(services),
  );
  void vscode.commands.executeCommand('setContext', 'azureBatch.signedIn', false);

  const version = String(context.extension.packageJSON.version);
  services.log.info(`${context.extension.id} ${version} activated (VS Code ${vscode.version}, telemetry ${telemetry.enabled ? 'on' : 'off'})`);

  const api: ExtensionApi = { apiVersion: 1 };
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    return { ...api, test: createTestApi(services, commands) };
  }
  return api;
}

export function deactivate(): void {}
