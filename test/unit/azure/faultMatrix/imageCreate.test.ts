/**
 * Fault matrix, column "image create" at client level: the image-definition editor's "Create" (PUT with
 * If-None-Match: *, 201, polling Azure-AsyncOperation, final GET) through the gateway's gallery API and
 * src/gallery/imagePut, against the emulator. Sees = the outcome's message (the editor's banner) or "done"; kept = the
 * draft object and whether the definition exists with the draft; received = the emulator's request records. Shared
 * rows: helpers/imagePutCells.
 */
import { faultMatrix, type Asserts } from '../../../faultMatrix';
import { useFaultCellFixture } from '../helpers/faultCellFixture';
import { createLikeTheEditor, GALLERY, imageRequests, imageRoute, messageOf, NEW_NAME, newDraft, OPERATION_ROUTE, operationPolls, storedDefinition } from '../helpers/imageCells';
import { ACCEPTED_THEN_FAILED, imagePutCells } from '../helpers/imagePutCells';

faultMatrix.reportAtEnd('unit');

const COLUMN = 'imageCreate';

describe('fault matrix (client): image create', function () {
  this.timeout(30_000);
  const f = useFaultCellFixture();

  const puts = () => imageRequests(f, NEW_NAME, 'PUT');
  const absent = (assert: Asserts) => assert.equal(storedDefinition(f, NEW_NAME), undefined);

  imagePutCells({
    column: COLUMN,
    fixture: () => f,
    name: NEW_NAME,
    draft: newDraft,
    send: (draft, token, beforePut) => createLikeTheEditor(f, draft, token, beforePut),
    before: () => undefined,
    conditionHeaders: { 'if-none-match': '*' },
  });

  faultMatrix.cell('resetAfterSent', COLUMN, async (cell) => {
    f.emulator.addFault({ route: OPERATION_ROUTE, method: 'GET', kind: 'resetAfterProcessing', count: 1 });
    const draft = newDraft();
    const run = await createLikeTheEditor(f, draft);
    await cell.sees('a status poll whose answer was lost is read again: done (the PUT\'s own lost answer: the "412 after a retry" row)', (assert: Asserts) => {
      assert.equal(run.result.kind, 'done', messageOf(run));
    });
    await cell.received('one PUT (201); the poll reset after processing, then read again', (assert: Asserts) => {
      assert.deepEqual(puts().map((p) => p.status), [201]);
      assert.deepEqual(operationPolls(f).map((p) => p.fault ?? p.status).slice(0, 2), ['resetAfterProcessing', 200]);
    });
    await cell.kept('the definition has the draft; the draft is untouched', (assert: Asserts) => {
      assert.deepEqual(draft, newDraft());
      assert.deepEqual(storedDefinition(f, NEW_NAME), newDraft());
    });
  });

  faultMatrix.cell('notFound404', COLUMN, async (cell) => {
    f.emulator.addFault({ route: imageRoute(NEW_NAME), method: 'GET', kind: 'status', status: 404, count: 1 });
    const finalGet = await createLikeTheEditor(f, newDraft());
    await f.fresh();
    f.emulator.clearRequests();
    f.emulator.state.galleries = f.emulator.state.galleries.filter((g) => g.name !== GALLERY);
    const draft = newDraft();
    const gone = await createLikeTheEditor(f, draft);
    await cell.sees('the gallery is gone: "Nothing was changed: the service refused the request" with its NotFound code; a 404 on the final GET after 201: "Accepted; following it failed"', (assert: Asserts) => {
      assert.match(messageOf(gone), /^Nothing was changed: the service refused the request: \w*NotFound: .*Your draft is kept\.$/);
      assert.match(messageOf(finalGet), ACCEPTED_THEN_FAILED);
      assert.match(messageOf(finalGet), /ResourceNotFound/);
    });
    await cell.received('one PUT (404), not retried, nothing polled', (assert: Asserts) => {
      assert.deepEqual(puts().map((p) => p.status), [404]);
      assert.equal(operationPolls(f).length, 0);
    });
    await cell.kept('the draft is untouched (the editor keeps it for another gallery)', (assert: Asserts) => {
      assert.deepEqual(draft, newDraft());
    });
  });

  faultMatrix.cell('conflict409', COLUMN, async (cell) => {
    f.emulator.addFault({ route: imageRoute(NEW_NAME), method: 'PUT', kind: 'status', status: 409, count: 1 });
    const draft = newDraft();
    const run = await createLikeTheEditor(f, draft);
    await cell.sees('a 409 to the first PUT: "Nothing was changed: the service refused the request" with the service\'s code', (assert: Asserts) => {
      assert.match(messageOf(run), /^Nothing was changed: the service refused the request: \w+: .*Your draft is kept\.$/);
    });
    await cell.received('one PUT (409), not retried', (assert: Asserts) => {
      assert.deepEqual(puts().map((p) => p.status), [409]);
    });
    await cell.kept('no definition was created; the draft is untouched', (assert: Asserts) => {
      absent(assert);
      assert.deepEqual(draft, newDraft());
    });
  });

  faultMatrix.cell('precondition412', COLUMN, async (cell) => {
    const theirs = { ...newDraft(), properties: { ...(newDraft()['properties'] as object), identifier: { publisher: 'Someone', offer: 'else', sku: 'first' }, description: 'Created by someone else.' } };
    const other = await createLikeTheEditor(f, theirs);
    f.emulator.clearRequests();
    const draft = newDraft();
    const run = await createLikeTheEditor(f, draft);
    await cell.sees('"Nothing was changed: an image definition named … was created by someone else meanwhile", the name field marked', (assert: Asserts) => {
      assert.equal(other.result.kind, 'done');
      assert.match(messageOf(run), new RegExp(`^Nothing was changed: an image definition named ${NEW_NAME} was created by someone else meanwhile\\. Press Create again`));
      assert.deepEqual(run.result.kind === 'failed' ? run.result.outcome.issues.map((i) => i.message) : [], [`${NEW_NAME} now exists in gallery ${GALLERY}.`]);
    });
    await cell.received('one PUT with If-None-Match: *, answered 412', (assert: Asserts) => {
      assert.deepEqual(puts().map((p) => [p.status, p.headers['if-none-match']]), [[412, '*']]);
    });
    await cell.kept('the other definition was not overwritten; our draft is untouched', (assert: Asserts) => {
      assert.deepEqual(storedDefinition(f, NEW_NAME), theirs);
      assert.deepEqual(draft, newDraft());
    });
  });

  faultMatrix.cell('precondition412AfterRetry', COLUMN, async (cell) => {
    f.emulator.addFault({ route: imageRoute(NEW_NAME), method: 'PUT', kind: 'resetAfterProcessing', count: 1 });
    const draft = newDraft();
    const run = await createLikeTheEditor(f, draft);
    await cell.sees('the retried create got 412, and the definition equals the draft: its own first attempt was applied, so done', (assert: Asserts) => {
      assert.equal(run.result.kind, 'done', messageOf(run));
      assert.ok(run.logged.some((l) => /412 after 2 attempts, and the definition equals the draft: the first attempt was applied/.test(l)), run.logged.join('\n'));
    });
    await cell.received('two PUTs, one client-request-id, both If-None-Match: * (the first applied and reset, the second 412); one GET to settle it', (assert: Asserts) => {
      const sent = puts();
      assert.deepEqual(sent.map((p) => p.fault ?? p.status), ['resetAfterProcessing', 412]);
      assert.equal(sent[0]!.headers['client-request-id'], sent[1]!.headers['client-request-id']);
      assert.deepEqual(sent.map((p) => p.headers['if-none-match']), ['*', '*']);
      assert.equal(imageRequests(f, NEW_NAME, 'GET').length, 1);
    });
    await cell.kept('the definition has the draft, once', (assert: Asserts) => {
      assert.deepEqual(storedDefinition(f, NEW_NAME), newDraft());
      assert.deepEqual(draft, newDraft());
    });
  });
});
