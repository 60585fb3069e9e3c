import * as vscode from 'vscode';
import type { ResourceRef } from './treeNode';

export const PROPERTIES_SCHEME = 'azurebatch-properties';

/**
 * "View Properties": a read-only JSON tab per resource, through a virtual document provider. The content is
 * fetched fresh each time the document is opened or reloaded.
 */
export class PropertiesDocuments implements vscode.TextDocumentContentProvider {
  private readonly resources = new Map<string, ResourceRef>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  uriFor(resource: ResourceRef): vscode.Uri {
    const key = encodeURIComponent(resource.url);
    this.resources.set(key, resource);
    return vscode.Uri.from({ scheme: PROPERTIES_SCHEME, path: `/${resource.documentName}`, query: key });
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const resource = this.resources.get(uri.query);
    if (!resource) {
      return `// ${vscode.l10n.t('This resource is no longer known. Open View Properties from the tree again.')}\n`;
    }
    const value = await resource.fetch(token);
    return `${JSON.stringify(value, null, 2)}\n`;
  }

  /** Forgets a resource when its tab's document closes. */
  forget(uri: vscode.Uri): void {
    if (uri.scheme === PROPERTIES_SCHEME) {
      this.resources.delete(uri.query);
    }
  }

  /** Fetches the resource again for an open tab. */
  reload(uri: vscode.Uri): void {
    this.changed.fire(uri);
  }

  /** Serves the `azurebatch-properties:` documents and forgets each when its tab closes. */
  register(): vscode.Disposable {
    return vscode.Disposable.from(
      vscode.workspace.registerTextDocumentContentProvider(PROPERTIES_SCHEME, this),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
      this.changed,
    );
  }
}
