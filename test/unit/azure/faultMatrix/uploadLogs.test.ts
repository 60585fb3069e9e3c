/**
 * Fault matrix, column "upload logs" at client level: POST …/pools/linux-small/nodes/{idle node}/uploadbatchservicelogs
 * (200 with {virtualDirectoryName, numberOfFilesUploaded}) with a container SAS URL under every fault. Sees = the
 * result or the typed error (and the notification text for refusals); kept = whether the emulator started the
 * upload (its record on the node); received = the request records (the SAS in the body only, never in the log).
 * Cells: helpers/postActionCells.
 */
import { faultMatrix, type Asserts } from '../../../faultMatrix';
import { postActionCells } from '../helpers/postActionCells';
import { HELD_TRANSITIONS, useFaultCellFixture } from '../helpers/faultCellFixture';
import { ACCOUNT, dropNode, idleNodeId, POOL, prodNode } from '../helpers/nodeTargets';

faultMatrix.reportAtEnd('unit');

const SIGNATURE = 'c2lnbmF0dXJlLW9mLXRoZS1mYXVsdC1tYXRyaXg%3D';
const CONTAINER = `https://contosologs.blob.core.windows.net/batch-logs?sv=2024-08-04&sr=c&sp=cw&se=2099-01-01T00%3A00%3A00Z&sig=${SIGNATURE}`;

describe('fault matrix (client): upload logs', function () {
  this.timeout(20_000);
  let nodeId = '';
  const startTime = new Date(Date.now() - 2 * 3_600_000).toISOString();
  const f = useFaultCellFixture(HELD_TRANSITIONS, () => {
    nodeId = idleNodeId(f);
  });

  postActionCells({
    column: 'uploadLogs',
    route: `/pools/${POOL}/nodes/[^/]+/uploadbatchservicelogs$`,
    operation: /^Upload Batch service logs of node \S+ of pool linux-small/,
    fixture: () => f,
    send: (signal) => f.prod.nodes.uploadBatchServiceLogs(POOL, nodeId, { containerUrl: CONTAINER, startTime }, { abortSignal: signal }),
    acceptedStatus: 200,
    applied: () => (prodNode(f, nodeId)?.serviceLogUploads ?? []).length === 1,
    remove: () => dropNode(f, nodeId),
    conflict: {
      arrange: () => void f.emulator.setNodeState(ACCOUNT, POOL, nodeId, 'rebooting'),
      code: 'NodeBeingRebooted',
    },
    explain: { action: 'uploadLogs', conflict: /^The node is busy \(rebooting\)\. Wait until it is idle or running/ },
    sentRequest: (assert: Asserts, sent) => {
      assert.deepEqual(JSON.parse(sent.body), { containerUrl: CONTAINER, startTime });
    },
    secret: SIGNATURE,
    why412: 'uploading service logs takes no condition: the service defines no If-Match for it, so nothing can answer 412',
    whyNoLink: 'the answer names a virtual directory in the caller’s own container and a file count: no next link or operation URL to follow',
    notFoundCode: 'NodeNotFound',
  });
});
