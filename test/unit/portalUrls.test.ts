import * as assert from 'node:assert/strict';
import {
  batchAccountPortalUrl, galleryPortalUrl, imageDefinitionPortalUrl, poolPortalUrl, portalEndpoint, type PortalLink,
} from '../../src/portal/portalUrls';

const SUB = '8c2f6e1a-4b7d-4e3a-9f10-2a5b6c7d8e9f';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const ACCOUNT = `/subscriptions/${SUB}/resourceGroups/batch-prod-rg/providers/Microsoft.Batch/batchAccounts/contosoprod`;
const GALLERY = `/subscriptions/${SUB}/resourceGroups/images-rg/providers/Microsoft.Compute/galleries/contosoImages`;
const IMAGE = `${GALLERY}/images/ubuntu-2204-batch`;

function url(link: PortalLink): string {
  assert.ok(link.ok, link.ok ? '' : link.reason);
  return link.url;
}

function reason(link: PortalLink): string {
  assert.ok(!link.ok, `expected no link, got ${link.ok ? link.url : ''}`);
  return link.reason;
}

describe('Open in Portal links', () => {
  it('uses the portal of each cloud: Azure, China, US Government (default Azure)', () => {
    assert.equal(url(portalEndpoint({ cloud: 'AzureCloud' })), 'https://portal.azure.com');
    assert.equal(url(portalEndpoint({ cloud: 'AzureChinaCloud' })), 'https://portal.azure.cn');
    assert.equal(url(portalEndpoint({ cloud: 'AzureUSGovernment' })), 'https://portal.azure.us');
    assert.equal(url(portalEndpoint({})), 'https://portal.azure.com');
    // The custom setting is ignored unless the cloud is custom.
    assert.equal(url(portalEndpoint({ cloud: 'AzureChinaCloud', customPortalEndpoint: 'https://portal.contoso.example' })), 'https://portal.azure.cn');
  });

  it('takes a custom cloud’s portal from azureBatch.customCloud.portalEndpoint, https (http only on loopback)', () => {
    assert.equal(url(portalEndpoint({ cloud: 'custom', customPortalEndpoint: ' https://portal.contoso.example/ ' })), 'https://portal.contoso.example');
    assert.equal(url(portalEndpoint({ cloud: 'custom', customPortalEndpoint: 'https://contoso.example/portal//' })), 'https://contoso.example/portal');
    assert.match(reason(portalEndpoint({ cloud: 'custom' })), /azureBatch\.customCloud\.portalEndpoint is empty\. Set it/);
    assert.match(reason(portalEndpoint({ cloud: 'custom', customPortalEndpoint: 'http://portal.contoso.example' })), /must be a plain https:\/\/ address/);
    assert.match(reason(portalEndpoint({ cloud: 'custom', customPortalEndpoint: 'https://portal.contoso.example/?x=1' })), /without query/);
    assert.match(reason(portalEndpoint({ cloud: 'custom', customPortalEndpoint: 'portal.contoso.example' })), /is not a valid URL: "portal\.contoso\.example"/);
    // http:// only on this computer (a local stand-in such as the demo's), never elsewhere.
    assert.equal(url(portalEndpoint({ cloud: 'custom', customPortalEndpoint: 'http://127.0.0.1:41234/portal/' })), 'http://127.0.0.1:41234/portal');
    assert.equal(url(portalEndpoint({ cloud: 'custom', customPortalEndpoint: 'http://localhost:8080' })), 'http://localhost:8080');
    assert.equal(url(portalEndpoint({ cloud: 'custom', customPortalEndpoint: 'http://[::1]:8080/p' })), 'http://[::1]:8080/p');
    assert.match(reason(portalEndpoint({ cloud: 'custom', customPortalEndpoint: 'http://127.0.0.1.contoso.example/' })), /must be a plain https:\/\/ address/);
    assert.match(reason(portalEndpoint({ cloud: 'custom', customPortalEndpoint: 'http://10.0.0.1/' })), /must be a plain https:\/\/ address/);
  });

  it('links a Batch account, a gallery and an image definition as #@{tenant}/resource{id}', () => {
    const context = { cloud: 'AzureCloud', tenantId: TENANT };
    assert.equal(url(batchAccountPortalUrl(context, { name: 'contosoprod', armId: ACCOUNT })), `https://portal.azure.com/#@${TENANT}/resource${ACCOUNT}`);
    assert.equal(url(galleryPortalUrl(context, GALLERY)), `https://portal.azure.com/#@${TENANT}/resource${GALLERY}`);
    assert.equal(url(imageDefinitionPortalUrl({ cloud: 'AzureUSGovernment' }, IMAGE)), `https://portal.azure.us/#@/resource${IMAGE}`);
  });

  it('opens a pool as its account’s Pools blade and says which pool to pick', () => {
    const link = poolPortalUrl({ cloud: 'AzureChinaCloud', tenantId: TENANT }, { name: 'contosoprod', armId: ACCOUNT }, 'linux-small');
    assert.ok(link.ok);
    assert.equal(link.url, `https://portal.azure.cn/#@${TENANT}/resource${ACCOUNT}/pools`);
    assert.equal(link.note, 'The portal opens the pools of Batch account contosoprod; choose pool linux-small there.');
  });

  it('gives no link for an account attached by URL, and says why and what to do', () => {
    const attached = { name: 'attachedacct' };
    assert.match(reason(batchAccountPortalUrl({}, attached)), /^Batch account attachedacct was attached by its URL, .* Sign in to Azure and open the account from its subscription instead\.$/);
    assert.match(reason(poolPortalUrl({}, attached, 'p1')), /attached by its URL/);
  });

  it('refuses ids of another kind or with characters a link cannot carry, and encodes the rest', () => {
    assert.match(reason(galleryPortalUrl({}, ACCOUNT)), /is not an Azure Resource Manager ID of this kind/);
    assert.match(reason(imageDefinitionPortalUrl({}, GALLERY)), /not an Azure Resource Manager ID/);
    assert.match(reason(galleryPortalUrl({}, `${GALLERY}#x`)), /not an Azure Resource Manager ID/);
    const unicode = `/subscriptions/${SUB}/resourceGroups/grüne-rg/providers/Microsoft.Compute/galleries/g1`;
    assert.equal(url(galleryPortalUrl({ tenantId: 'contoso.onmicrosoft.com' }, unicode)), `https://portal.azure.com/#@contoso.onmicrosoft.com/resource/subscriptions/${SUB}/resourceGroups/gr%C3%BCne-rg/providers/Microsoft.Compute/galleries/g1`);
    // A custom cloud without its portal: the setting's reason, not a link to the public portal.
    assert.match(reason(batchAccountPortalUrl({ cloud: 'custom' }, { name: 'a', armId: ACCOUNT })), /portalEndpoint is empty/);
  });

  it('names the setting to fix (for Open Settings) when the custom portal is the problem, and no setting otherwise', () => {
    const settingOf = (link: PortalLink) => (link.ok ? 'linked' : link.setting);
    for (const customPortalEndpoint of [undefined, '  ', 'portal.contoso.example', 'http://portal.contoso.example', 'https://u:p@portal.contoso.example']) {
      assert.equal(settingOf(batchAccountPortalUrl({ cloud: 'custom', customPortalEndpoint }, { name: 'a', armId: ACCOUNT })), 'azureBatch.customCloud.portalEndpoint', String(customPortalEndpoint));
    }
    assert.equal(settingOf(batchAccountPortalUrl({ cloud: 'custom', customPortalEndpoint: 'https://portal.contoso.example' }, { name: 'a', armId: ACCOUNT })), 'linked');
    assert.equal(settingOf(batchAccountPortalUrl({ cloud: 'custom', customPortalEndpoint: 'https://portal.contoso.example' }, { name: 'a' })), undefined, 'attached by URL: signing in is the remedy');
    assert.equal(settingOf(galleryPortalUrl({}, ACCOUNT)), undefined, 'a wrong id: refreshing is the remedy');
  });
});
