/**
 * Fault matrix, column "image update" at client level: the image-definition editor's "Update" of an existing
 * definition (GET for the ETag just before, PUT with If-Match when the service gave one, 200, polling
 * Azure-AsyncOperation, final GET) through the gateway's gallery API and src/gallery/imagePut, against the emulator.
 * Gallery image definitions carry no ETag (GalleryRP defines none), so the PUT goes without If-Match: the cells assert
 * that too. Sees = the outcome's message (the editor's banner) or "done"; kept = the draft object and the definition in
 * the emulator (as before, or the draft); received = the emulator's request records. Shared rows: helpers/imagePutCells.
 */
import type { JsonObject } from '../../../../src/jsonEditing/jsonValue';
import { faultMatrix, type Asserts } from '../../../faultMatrix';
import { useFaultCellFixture } from '../helpers/faultCellFixture';
import { EXISTING, GALLERY, imageRequests, imageRoute, messageOf, operationPolls, storedDefinition, updateLikeTheEditor } from '../helpers/imageCells';
import { ACCEPTED_THEN_FAILED, imagePutCells } from '../helpers/imagePutCells';

faultMatrix.reportAtEnd('unit');

const COLUMN = 'imageUpdate';

describe('fault matrix (client): image update', function () {
  this.timeout(30_000);
  /** The definition's editable document as seeded. */
  let seeded: JsonObject;
  // Operations take 1 s: the reset-after-sent cell's retry must meet the first PUT's operation still running (409); with
  // the fixture's 100 ms it had sometimes finished on a loaded machine and the retry got 200.
  const f = useFaultCellFixture({ lroDelayMs: 1_000 }, () => {
    seeded = storedDefinition(f, EXISTING)!;
  });

  /** The editor's draft: the definition with a new description. */
  const draft = (): JsonObject => {
    const edited = structuredClone(seeded);
    (edited['properties'] as JsonObject)['description'] = 'Edited by the fault matrix.';
    return edited;
  };
  const puts = () => imageRequests(f, EXISTING, 'PUT');
  const definitionIs = (sent: JsonObject, state: 'draft' | 'seeded') => (assert: Asserts) => {
    assert.deepEqual(sent, draft(), 'the draft object is untouched');
    assert.deepEqual(storedDefinition(f, EXISTING), state === 'draft' ? draft() : seeded);
  };

  imagePutCells({
    column: COLUMN,
    fixture: () => f,
    name: EXISTING,
    draft,
    send: (body, token, beforePut) => updateLikeTheEditor(f, body, token, beforePut),
    before: () => seeded,
    conditionHeaders: {},
  });

  faultMatrix.cell('resetAfterSent', COLUMN, async (cell) => {
    f.emulator.addFault({ route: imageRoute(EXISTING), method: 'PUT', kind: 'resetAfterProcessing', count: 1 });
    const sent = draft();
    const run = await updateLikeTheEditor(f, sent);
    await cell.sees('the PUT was applied, its answer lost, and the retry got 409 (the first one\'s operation in progress): "Accepted; following it failed — refresh", not "Nothing was changed"', (assert: Asserts) => {
      assert.match(messageOf(run), ACCEPTED_THEN_FAILED);
      assert.match(messageOf(run), /OperationNotAllowed/);
      assert.doesNotMatch(messageOf(run), /Nothing was changed/);
    });
    await cell.received('two PUTs, one client-request-id, neither with If-Match (no ETag given): reset after processing, then 409', (assert: Asserts) => {
      const all = puts();
      assert.deepEqual(all.map((p) => p.fault ?? p.status), ['resetAfterProcessing', 409]);
      assert.equal(all[0]!.headers['client-request-id'], all[1]!.headers['client-request-id']);
      assert.deepEqual(all.map((p) => p.headers['if-match']), [undefined, undefined]);
      assert.equal(run.readEtag, undefined);
    });
    await cell.kept('the definition has the draft (from the first attempt); the draft is untouched', definitionIs(sent, 'draft'));
  });

  faultMatrix.cell('notFound404', COLUMN, async (cell) => {
    // The 404 is armed after the editor's read, so it hits the final GET of the accepted operation.
    const finalGet = await updateLikeTheEditor(f, draft(), undefined, () => f.emulator.addFault({ route: imageRoute(EXISTING), method: 'GET', kind: 'status', status: 404, count: 1 }));
    await f.fresh();
    seeded = storedDefinition(f, EXISTING)!;
    f.emulator.clearRequests();
    const sent = draft();
    const gone = await updateLikeTheEditor(f, sent, undefined, () => {
      f.emulator.state.galleries = f.emulator.state.galleries.filter((g) => g.name !== GALLERY);
    });
    await cell.sees('the gallery deleted between the read and the PUT: "Nothing was changed" with its NotFound code; a 404 on the final GET: "Accepted; following it failed"', (assert: Asserts) => {
      assert.match(messageOf(gone), /^Nothing was changed: the service refused the request: \w*NotFound: .*Your draft is kept\.$/);
      assert.match(messageOf(finalGet), ACCEPTED_THEN_FAILED);
    });
    await cell.received('one PUT (404), not retried, nothing polled', (assert: Asserts) => {
      assert.deepEqual(puts().map((p) => p.status), [404]);
      assert.equal(operationPolls(f).length, 0);
    });
    await cell.kept('the draft is untouched (the editor keeps it)', (assert: Asserts) => {
      assert.deepEqual(sent, draft());
    });
  });

  faultMatrix.cell('conflict409', COLUMN, async (cell) => {
    const immutable = draft();
    (immutable['properties'] as JsonObject)['osType'] = 'Windows';
    const refused = await updateLikeTheEditor(f, immutable);
    const refusedPuts = puts().map((p) => p.status);
    f.emulator.clearRequests();
    const g = f.emulator.state.galleries.find((x) => x.name === GALLERY)!;
    g.images.get(EXISTING.toLowerCase())!.provisioningState = 'Updating';
    const sent = draft();
    const busy = await updateLikeTheEditor(f, sent);
    await cell.sees('"Nothing was changed: the service refused the request: PropertyChangeNotAllowed …" with an issue at properties.osType; an operation in progress: OperationNotAllowed', (assert: Asserts) => {
      assert.match(messageOf(refused), /^Nothing was changed: the service refused the request: PropertyChangeNotAllowed: Changing property 'galleryImage\.properties\.osType' is not allowed .*Your draft is kept\.$/);
      assert.deepEqual(refused.result.kind === 'failed' ? refused.result.outcome.issues.map((i) => i.path) : [], [['properties', 'osType']]);
      assert.match(messageOf(busy), /^Nothing was changed: the service refused the request: OperationNotAllowed: An operation is already in progress/);
    });
    await cell.received('one PUT each (409), not retried', (assert: Asserts) => {
      assert.deepEqual(refusedPuts, [409]);
      assert.deepEqual(puts().map((p) => p.status), [409]);
    });
    await cell.kept('the definition is as seeded; the drafts are untouched', (assert: Asserts) => {
      assert.equal((immutable['properties'] as JsonObject)['osType'], 'Windows');
      definitionIs(sent, 'seeded')(assert);
    });
  });

  const noETag = 'gallery image definitions carry no ETag (GalleryRP 2024-03-03 defines none and the service sends none), so the update PUT goes without If-Match (asserted in the other cells) and nothing can answer 412; a change made meanwhile is caught by the editor\'s re-read before the PUT';
  faultMatrix.notApplicable('precondition412', COLUMN, noETag);
  faultMatrix.notApplicable('precondition412AfterRetry', COLUMN, `${noETag}; a retried PUT answered 409 is the "reset after the request was sent" cell`);
});
