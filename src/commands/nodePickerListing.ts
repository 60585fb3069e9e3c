/**
 * One list of a pool's nodes as the palette's node picker reads it: the picker's own list (every state it asks for)
 * or the nodes of one typed state, filtered on the service. Pages of 1,000 with their next link, the total from the
 * pool's node counts, and the last error; a read in flight is shared, and an AbortSignal stops it.
 */
import type { BatchNode } from '../azure/batch/batchModels.generated';
import type { BatchAccountApi } from '../services/azureGateway';
import { NODE_SELECT } from '../tree/nodeSelect';

export const NODE_PAGE = 1000;

export class NodeListing {
  readonly nodes: BatchNode[] = [];
  nextLink: string | undefined;
  /** True once the first page was read. */
  started = false;
  /** Why the last read failed (cleared by the next one that succeeds). */
  error: unknown;
  private reading: Promise<void> | undefined;
  private readingSignal: AbortSignal | undefined;

  constructor(
    /** The typed state this list shows (REST value), or undefined for the picker's own list. */
    readonly state: string | undefined,
    /** `$filter` of the list. */
    readonly filter: string | undefined,
    /** Nodes the list would hold when fully read (from the node counts), when known. */
    readonly total: number | undefined,
  ) {}

  /** Whether a next page can be read. */
  get capped(): boolean {
    return this.nextLink !== undefined;
  }

  /**
   * Reads the next page (the first one at the start). A call while a read is in flight waits for that read, unless
   * that read was aborted: then it reads anew. An aborted read adds nothing, even when its answer came in already.
   */
  read(api: BatchAccountApi, poolId: string, signal?: AbortSignal): Promise<void> {
    if (!this.reading || this.readingSignal?.aborted) {
      this.readingSignal = signal;
      const reading = this.readPage(api, poolId, signal).finally(() => {
        if (this.reading === reading) {
          this.reading = undefined;
        }
      });
      this.reading = reading;
    }
    return this.reading;
  }

  private async readPage(api: BatchAccountApi, poolId: string, signal: AbortSignal | undefined): Promise<void> {
    const page = await api.listNodes(poolId, { filter: this.filter, select: NODE_SELECT, maxResults: NODE_PAGE, nextLink: this.nextLink }, undefined, signal);
    signal?.throwIfAborted();
    this.nodes.push(...page.nodes);
    this.nextLink = page.nextLink;
    this.started = true;
    this.error = undefined;
  }
}
