import * as assert from 'node:assert/strict';
import { checkedAccountUrl } from '../../../src/azure/http/accountUrl';
import type { BatchAccountInfo, SubscriptionInfo } from '../../../src/services/azureGateway';
import { findKnownAccount, subscriptionOfResourceId } from '../../../src/services/knownAccounts';
import { poolPatchRevival, poolPatchRevivalOf } from '../../../src/webviews/poolPatch/revival';

const armKey = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Batch/batchAccounts/acct';
const armAccount: BatchAccountInfo = {
  key: armKey, name: 'acct', url: 'https://acct.westeurope.batch.azure.com', source: 'arm', auth: 'entraId',
  subscriptionId: '00000000-0000-0000-0000-000000000001',
};
const attachedAccount: BatchAccountInfo = { key: 'https://mine.westeurope.batch.azure.com', name: 'mine', url: 'https://mine.westeurope.batch.azure.com', source: 'attached', auth: 'sharedKey' };

describe('faults item 1: a restored pool editor trusts only the account key and the pool id', () => {
  it('keeps only the key and the pool id of what the webview saved', () => {
    assert.deepEqual(poolPatchRevival(armKey, 'pool-1'), { accountKey: armKey, poolId: 'pool-1' });
    // The older form: the account object is dropped, only its key is read back.
    const forged = { account: { key: armKey, url: 'https://evil.example.com', auth: 'entraId', name: 'acct', source: 'environment' }, poolId: 'pool-1' };
    assert.deepEqual(poolPatchRevivalOf(forged), { accountKey: armKey, poolId: 'pool-1' });
    assert.deepEqual(poolPatchRevivalOf({ accountKey: armKey, poolId: 'p', url: 'https://evil.example.com' }), { accountKey: armKey, poolId: 'p' });
  });

  it('refuses pool ids that are not names and keys that are not keys', () => {
    for (const state of [
      undefined, null, 'x', [], {}, { accountKey: armKey }, { accountKey: armKey, poolId: '..' }, { accountKey: armKey, poolId: '.' },
      { accountKey: armKey, poolId: '%2e%2e' }, { accountKey: armKey, poolId: 'a/b' }, { accountKey: armKey, poolId: 42 },
      { accountKey: '', poolId: 'p' }, { accountKey: 'a\nb', poolId: 'p' }, { accountKey: 'k'.repeat(2000), poolId: 'p' },
    ]) {
      assert.equal(poolPatchRevivalOf(state), undefined, JSON.stringify(state));
    }
  });

  it('finds the account again among the known ones; unknown keys find nothing', async () => {
    const listed: string[] = [];
    const gateway = {
      listBatchAccounts: async (subscription: SubscriptionInfo) => {
        listed.push(subscription.subscriptionId);
        return [armAccount];
      },
    };
    const attached = { list: () => [attachedAccount] };
    assert.equal(await findKnownAccount(attachedAccount.key, attached, gateway), attachedAccount);
    assert.deepEqual(listed, [], 'an attached account needs no listing');
    assert.equal(await findKnownAccount(armKey.toUpperCase().replace('/SUBSCRIPTIONS/', '/subscriptions/'), attached, gateway), armAccount);
    assert.deepEqual(listed, ['00000000-0000-0000-0000-000000000001']);
    assert.equal(await findKnownAccount('https://evil.example.com', attached, gateway), undefined);
    assert.equal(await findKnownAccount(armKey.replace('acct', 'other'), attached, gateway), undefined);
    assert.equal(subscriptionOfResourceId('https://x/subscriptions/1/'), undefined);
  });

  it('Attach Batch Account… rejects user info and dot segments (the check its input box uses)', () => {
    assert.throws(() => checkedAccountUrl('https://user:pw@acct.westeurope.batch.azure.com'), /user name or password/);
    assert.throws(() => checkedAccountUrl('https://acct.westeurope.batch.azure.com/../x'), /\.\./);
    assert.throws(() => checkedAccountUrl('http://acct.westeurope.batch.azure.com'), /https/);
    assert.equal(checkedAccountUrl('acct.westeurope.batch.azure.com/'), 'https://acct.westeurope.batch.azure.com');
  });
});
