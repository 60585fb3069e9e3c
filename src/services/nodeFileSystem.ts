/**
 * Node files in normal editor tabs: a read-only FileSystemProvider for `azurebatch-node:` URIs (nodeFileUri.ts) on
 * the gateway. A file larger than 1 MiB opens as its last 1 MiB under a first line saying so; "Load Whole File" reads
 * all of it, "Refresh" reads it again (VS Code reloads the open document in place, keeping the scroll position).
 * Commands read through `prepare` first, so a failure is shown with what to do instead of an editor that cannot open.
 */
import * as vscode from 'vscode';
import { explainNodeActionError, type ServiceErrorLike } from '../nodeActions/explainNodeActionError';
import { NodeFileIsDirectoryError, readNodeFileDocument, type NodeFileDocument } from '../nodeActions/nodeFileReader';
import { nodeFileBaseName, nodeFileParent } from '../nodeActions/nodeFileText';
import type { AzureGateway, BatchAccountInfo } from './azureGateway';
import { NODE_FILE_SCHEME, nodeFileUri, parseNodeFileUri, type NodeFileLocation } from './nodeFileUri';

/** A node file that could not be read: the message says which, why (service code and message) and what to do. */
export class NodeFileReadError extends Error {
  override readonly name = 'NodeFileReadError';
  constructor(message: string, readonly code: string, readonly original: unknown) {
    super(message);
  }

  /** For the log: this message, then the service's error with its request ids. */
  toLogString(): string {
    const inner = this.original as { toLogString?: () => string } | undefined;
    return inner?.toLogString ? `${this.message}\n${inner.toLogString()}` : this.message;
  }
}

const NODE_UNREACHABLE = new Set(['NodeBeingRebooted', 'NodeBeingReimaged', 'NodeBeingStarted', 'NodeBeingCreated', 'OperationNotValidOnNode', 'NodeNotReady']);

/** "Could not read startup/stderr.txt on node n of pool p. <meaning and what to do> Service: <code: message>." */
export function explainNodeFileError(location: Pick<NodeFileLocation, 'poolId' | 'nodeId' | 'filePath'>, error: unknown, listing = false): NodeFileReadError {
  const { poolId, nodeId, filePath } = location;
  const head = listing
    ? vscode.l10n.t('Could not list the files in {0} on node {1} of pool {2}.', filePath || '/', nodeId, poolId)
    : vscode.l10n.t('Could not read {0} on node {1} of pool {2}.', filePath, nodeId, poolId);
  if (error instanceof NodeFileIsDirectoryError) {
    return new NodeFileReadError(`${head} ${vscode.l10n.t('It is a folder: expand it in the Files row of the node instead.')}`, 'NodeFileIsDirectory', error);
  }
  const service = error as ServiceErrorLike & { kind?: string };
  const code = typeof service?.code === 'string' ? service.code : 'Unknown';
  let text = service?.status !== undefined || service?.kind !== undefined ? explainNodeActionError('readFile', service) : String((error as Error)?.message ?? error);
  if (NODE_UNREACHABLE.has(code)) {
    text = `${text} ${vscode.l10n.t('The node agent answers file requests only while the node is idle, running, offline, unusable, leaving the pool, or waiting for or failed in its start task.')}`;
  }
  return new NodeFileReadError(`${head} ${text}`, code, error);
}

interface Prepared {
  document: Promise<NodeFileDocument>;
}

export class NodeFileSystem implements vscode.FileSystemProvider {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  /** Accounts named by open URIs (by key); others are found through the gateway (e.g. tabs restored after a reload). */
  private readonly accounts = new Map<string, BatchAccountInfo>();
  /** URIs (as strings) whose whole file was asked for with "Load Whole File". */
  private readonly whole = new Set<string>();
  /** Bumped by Refresh and Load Whole File, so that VS Code sees a newer file and reloads the document. */
  private readonly generations = new Map<string, number>();
  /** URIs (as strings) whose latest read was only the tail. */
  private readonly truncated = new Set<string>();
  /** Read by a command just before VS Code asks for the file: used once by stat/readFile. */
  private readonly prepared = new Map<string, Prepared>();

  constructor(private readonly gateway: AzureGateway, private readonly log: vscode.LogOutputChannel) {}

  register(): vscode.Disposable {
    return vscode.Disposable.from(
      vscode.workspace.registerFileSystemProvider(NODE_FILE_SCHEME, this, { isCaseSensitive: true, isReadonly: true }),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
      this.changed,
    );
  }

  /** The URI of a file on a node of `account` (remembered, so the provider can read it). */
  uriFor(account: BatchAccountInfo, poolId: string, nodeId: string, filePath: string): vscode.Uri {
    this.accounts.set(account.key, account);
    return nodeFileUri(account, poolId, nodeId, filePath);
  }

  /** Whether the document of this URI shows only the file's tail (after its latest read). */
  isTruncated(uri: vscode.Uri): boolean {
    return this.truncated.has(uri.toString());
  }

  /**
   * Reads the file now (the tail, or all of it after Load Whole File): throws a NodeFileReadError that explains a
   * failure; on success, VS Code's next stat/readFile of the URI use this read.
   */
  async prepare(uri: vscode.Uri): Promise<NodeFileDocument> {
    const key = uri.toString();
    const document = this.read(uri);
    this.prepared.set(key, { document });
    document.catch(() => this.prepared.delete(key));
    return document;
  }

  /** "Refresh" (whole = false keeps the current mode) and "Load Whole File" (whole = true): read again, then reload. */
  async reread(uri: vscode.Uri, options: { whole?: boolean } = {}): Promise<NodeFileDocument> {
    const key = uri.toString();
    const wasWhole = this.whole.has(key);
    if (options.whole) {
      this.whole.add(key);
    }
    try {
      const document = await this.prepare(uri);
      this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
      this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
      return document;
    } catch (error) {
      if (!wasWhole) {
        this.whole.delete(key);
      }
      throw error;
    }
  }

  private forget(uri: vscode.Uri): void {
    if (uri.scheme === NODE_FILE_SCHEME) {
      const key = uri.toString();
      this.whole.delete(key);
      this.prepared.delete(key);
      this.truncated.delete(key);
    }
  }

  private location(uri: vscode.Uri): NodeFileLocation {
    const location = parseNodeFileUri(uri);
    if (!location) {
      throw vscode.FileSystemError.FileNotFound(uri);
    }
    return location;
  }

  private async account(key: string): Promise<BatchAccountInfo> {
    const known = this.accounts.get(key);
    if (known) {
      return known;
    }
    const found = (await this.gateway.listAttachedAccounts()).find((a) => a.key === key) ?? (await this.findArmAccount(key));
    if (!found) {
      throw new NodeFileReadError(vscode.l10n.t('The Batch account of this file ({0}) is not in the Azure Batch view any more. Sign in or attach the account, then open the file again from the node’s Files row.', key), 'AccountNotFound', undefined);
    }
    this.accounts.set(key, found);
    return found;
  }

  private async findArmAccount(key: string): Promise<BatchAccountInfo | undefined> {
    const subscriptionId = /^\/subscriptions\/([^/]+)\//i.exec(key)?.[1];
    if (!subscriptionId || !(await this.gateway.isSignedIn())) {
      return undefined;
    }
    const subscription = (await this.gateway.listSubscriptions()).find((s) => s.subscriptionId.toLowerCase() === subscriptionId.toLowerCase());
    return subscription ? (await this.gateway.listBatchAccounts(subscription)).find((a) => a.key === key) : undefined;
  }

  private async read(uri: vscode.Uri): Promise<NodeFileDocument> {
    const location = this.location(uri);
    try {
      const api = this.gateway.batch(await this.account(location.accountKey));
      const document = await readNodeFileDocument(api, location.poolId, location.nodeId, location.filePath, { whole: this.whole.has(uri.toString()) });
      if (document.truncated) {
        this.truncated.add(uri.toString());
      } else {
        this.truncated.delete(uri.toString());
      }
      this.log.info(`Read ${location.filePath} on ${location.poolId}/${location.nodeId}: ${document.readBytes} of ${document.totalBytes} bytes${document.truncated ? ' (tail)' : ''}`);
      return document;
    } catch (error) {
      if (error instanceof NodeFileReadError) {
        throw error;
      }
      const explained = explainNodeFileError(location, await this.diagnose(location, error));
      this.log.error(`${explained.message}\n${(error as { toLogString?: () => string })?.toLogString?.() ?? String(error)}`);
      throw explained;
    }
  }

  /**
   * A HEAD answers errors without a body (no service code). Listing the file's folder (a GET) gets the service's
   * reason: the node's refusal (e.g. 409 NodeBeingRebooted), or a listing without the file (FileNotFound).
   */
  private async diagnose(location: NodeFileLocation, error: unknown): Promise<unknown> {
    const failed = error as { method?: string; code?: string; status?: number };
    if (failed?.method !== 'HEAD' || !/^HttpError/.test(failed.code ?? '')) {
      return error;
    }
    try {
      const api = this.gateway.batch(await this.account(location.accountKey));
      await api.listNodeFiles(location.poolId, location.nodeId, { folder: nodeFileParent(location.filePath), maxResults: 1 });
    } catch (listError) {
      return listError;
    }
    return failed.status === 404 ? { code: 'FileNotFound', status: 404, serviceMessage: 'HTTP 404 to HEAD, and the folder listing does not have the file' } : error;
  }

  /** The prepared read of `uri` (consumed when `consume`), or a new one. */
  private document(uri: vscode.Uri, consume: boolean): Promise<NodeFileDocument> {
    const key = uri.toString();
    const prepared = this.prepared.get(key);
    if (prepared && consume) {
      this.prepared.delete(key);
    }
    return prepared?.document ?? this.read(uri);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const location = this.location(uri);
    if (location.filePath === '') {
      return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0, permissions: vscode.FilePermission.Readonly };
    }
    try {
      const key = uri.toString();
      const prepared = this.prepared.get(key);
      const properties = prepared
        ? (await prepared.document).properties
        : await this.gateway.batch(await this.account(location.accountKey)).getNodeFileProperties(location.poolId, location.nodeId, location.filePath);
      const modified = Date.parse(properties.lastModified ?? '') || 0;
      const created = Date.parse(properties.creationTime ?? '') || modified;
      return {
        type: properties.isDirectory ? vscode.FileType.Directory : vscode.FileType.File,
        ctime: created,
        mtime: modified + (this.generations.get(key) ?? 0),
        size: properties.contentLength,
        permissions: vscode.FilePermission.Readonly,
      };
    } catch (error) {
      throw this.fileSystemError(location, error);
    }
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const location = this.location(uri);
    try {
      return Buffer.from((await this.document(uri, true)).text, 'utf8');
    } catch (error) {
      throw this.fileSystemError(location, error);
    }
  }

  async readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    const location = this.location(uri);
    try {
      const api = this.gateway.batch(await this.account(location.accountKey));
      const entries: [string, vscode.FileType][] = [];
      let nextLink: string | undefined;
      do {
        const page = await api.listNodeFiles(location.poolId, location.nodeId, { folder: location.filePath, nextLink });
        entries.push(...page.files.map((f): [string, vscode.FileType] => [nodeFileBaseName(f.name ?? ''), f.isDirectory ? vscode.FileType.Directory : vscode.FileType.File]));
        nextLink = page.nextLink;
      } while (nextLink);
      return entries;
    } catch (error) {
      throw this.fileSystemError(location, error);
    }
  }

  private fileSystemError(location: NodeFileLocation, error: unknown): vscode.FileSystemError {
    if (error instanceof vscode.FileSystemError) {
      return error;
    }
    if (error instanceof NodeFileIsDirectoryError) {
      return vscode.FileSystemError.FileIsADirectory(explainNodeFileError(location, error).message);
    }
    const explained = error instanceof NodeFileReadError ? error : explainNodeFileError(location, error);
    return vscode.FileSystemError.Unavailable(explained.message);
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  createDirectory(): never {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Files on compute nodes are read-only here.'));
  }

  writeFile(): never {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Files on compute nodes are read-only here.'));
  }

  delete(): never {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Files on compute nodes are read-only here.'));
  }

  rename(): never {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Files on compute nodes are read-only here.'));
  }
}
