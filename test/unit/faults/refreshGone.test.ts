import * as assert from 'node:assert/strict';
import { isGoneResource, isMissingSubList } from '../../../src/tree/refreshGone';

const account = 'https://acct.westeurope.batch.azure.com';
const pool = `${account}/pools/p1`;
const notFound = (url: string, code = 'ResourceNotFound') => Object.assign(new Error(`${code}`), { status: 404, code, url });

describe('faults item 14: auto-refresh removes a row only when the pool or account itself answers 404', () => {
  it('a 404 on /nodecounts or on the node list is a missing sub-list, not the account or pool being gone', () => {
    const counts = notFound(`${account}/nodecounts?api-version=2025-06-01&maxresults=10`);
    assert.equal(isGoneResource(counts, account), false, 'the account stays');
    assert.equal(isGoneResource(counts, pool), false);
    assert.equal(isMissingSubList(counts), true, 'shown without counts, refreshed again');
    const nodes = notFound(`${pool}/nodes?api-version=2025-06-01`);
    assert.equal(isGoneResource(nodes, pool), false, 'the pool stays');
  });

  it('a 404 on the pool itself (or PoolNotFound) removes the pool; a missing shared key removes the account', () => {
    assert.equal(isGoneResource(notFound(`${pool}?api-version=2025-06-01`), pool), true);
    assert.equal(isGoneResource(notFound(`${account}/POOLS/P1/`), pool), true, 'case and trailing slash do not matter');
    assert.equal(isGoneResource(notFound(`${account}/pools/p2`), pool), false, 'another pool\'s 404 is not this pool');
    assert.equal(isGoneResource(Object.assign(new Error('x'), { status: 404, code: 'PoolNotFound' }), pool), true);
    assert.equal(isMissingSubList(Object.assign(new Error('x'), { status: 404, code: 'PoolNotFound' })), false);
    assert.equal(isGoneResource(Object.assign(new Error('x'), { code: 'SharedKeyMissing' }), account), true);
    assert.equal(isGoneResource(Object.assign(new Error('x'), { status: 500, url: pool }), pool), false);
    assert.equal(isGoneResource(Object.assign(new Error('x'), { status: 404 }), pool), false, 'a 404 without a URL is not proof');
  });
});
