/**
 * Fault matrix, column "add user" at client level: POST …/pools/linux-small/nodes/{idle node}/users (201, no body)
 * with a password under every fault. Sees = the receipt or the typed error (and the notification text for refusals);
 * kept = whether the emulator created the user; received = the request records (the password in the body only,
 * never in the log). Cells: helpers/postActionCells.
 */
import { faultMatrix, type Asserts } from '../../../faultMatrix';
import { postActionCells } from '../helpers/postActionCells';
import { HELD_TRANSITIONS, useFaultCellFixture } from '../helpers/faultCellFixture';
import { dropNode, idleNodeId, POOL, prodNode } from '../helpers/nodeTargets';

faultMatrix.reportAtEnd('unit');

const PASSWORD = 'Fault-Matrix-Pa55word!';

describe('fault matrix (client): add user', function () {
  this.timeout(20_000);
  let nodeId = '';
  const f = useFaultCellFixture(HELD_TRANSITIONS, () => {
    nodeId = idleNodeId(f);
  });

  postActionCells({
    column: 'addUser',
    route: `/pools/${POOL}/nodes/[^/]+/users$`,
    operation: /^Add user opsuser to node \S+ of pool linux-small/,
    fixture: () => f,
    send: (signal) => f.prod.nodes.createNodeUser(POOL, nodeId, { name: 'opsuser', isAdmin: true, password: PASSWORD }, { abortSignal: signal }),
    acceptedStatus: 201,
    applied: () => prodNode(f, nodeId)?.users?.get('opsuser')?.hasPassword === true,
    remove: () => dropNode(f, nodeId),
    conflict: {
      // The service compares user names without case.
      arrange: () => {
        prodNode(f, nodeId)!.users = new Map([['OpsUser', { name: 'OpsUser', isAdmin: false, expiryTime: new Date(Date.now() + 86_400_000).toISOString(), hasPassword: false, createdAt: new Date().toISOString() }]]);
      },
      code: 'NodeUserExists',
    },
    explain: { action: 'addUser', conflict: /^A user named opsuser already exists on the node\. Pick another name\./ },
    sentRequest: (assert: Asserts, sent) => {
      assert.deepEqual(JSON.parse(sent.body), { name: 'opsuser', isAdmin: true, password: PASSWORD });
    },
    secret: PASSWORD,
    why412: 'adding a user takes no condition: the service defines no If-Match for it (a second user of that name is the 409 row), so nothing can answer 412',
    notFoundCode: 'NodeNotFound',
  });
});
