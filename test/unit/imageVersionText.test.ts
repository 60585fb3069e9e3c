import * as assert from 'node:assert/strict';
import {
  imageVersionDescription, imageVersionIcon, imageVersionTooltip, isPastEndOfLife, readableProvisioningState, replicationRegions, type VersionRow,
} from '../../src/tree/imageVersionText';

const NOW = Date.parse('2026-06-01T00:00:00Z');

function version(state: string, endOfLifeDate?: string): VersionRow {
  return {
    name: '1.2.0',
    properties: {
      provisioningState: state as never,
      storageProfile: {},
      publishingProfile: {
        replicaCount: 2,
        publishedDate: '2025-03-03T09:30:00Z',
        ...(endOfLifeDate ? { endOfLifeDate } : {}),
        targetRegions: [{ name: 'West Europe', regionalReplicaCount: 3 }, { name: 'North Europe' }],
      },
    },
  };
}

describe('image version rows', () => {
  it('says provisioning states in words and passes an unknown one through', () => {
    assert.equal(readableProvisioningState('Succeeded'), 'succeeded');
    assert.equal(readableProvisioningState('Failed'), 'failed');
    assert.equal(readableProvisioningState('Creating'), 'creating');
    assert.equal(readableProvisioningState('Someday'), 'Someday');
    assert.equal(readableProvisioningState(undefined), 'unknown');
  });

  it('marks a version past its end of life, and only then', () => {
    assert.equal(isPastEndOfLife(version('Succeeded', '2026-01-31T00:00:00Z'), NOW), true);
    assert.equal(isPastEndOfLife(version('Succeeded', '2027-01-31T00:00:00Z'), NOW), false);
    assert.equal(isPastEndOfLife(version('Succeeded'), NOW), false);
    assert.equal(imageVersionDescription(version('Succeeded', '2026-01-31T00:00:00Z'), NOW), 'succeeded · end of life');
    assert.equal(imageVersionDescription(version('Failed'), NOW), 'failed');
  });

  it('picks the icon by state: failed, replicating, past end of life, plain', () => {
    assert.deepEqual(imageVersionIcon(version('Failed'), NOW), { icon: 'error', color: 'errorForeground' });
    assert.deepEqual(imageVersionIcon(version('Creating'), NOW), { icon: 'loading~spin' });
    assert.deepEqual(imageVersionIcon(version('Succeeded', '2026-01-31T00:00:00Z'), NOW), { icon: 'history', color: 'disabledForeground' });
    assert.deepEqual(imageVersionIcon(version('Succeeded'), NOW), { icon: 'versions' });
  });

  it('lists replication regions with replica counts (the version-wide count where a region has none) in the tooltip', () => {
    assert.equal(replicationRegions(version('Succeeded')), 'West Europe (3), North Europe (2)');
    const tooltip = imageVersionTooltip(version('Succeeded', '2026-01-31T00:00:00Z'), NOW, 'en');
    assert.match(tooltip, /Provisioning state: succeeded/);
    assert.match(tooltip, /Replication regions: West Europe \\\(3\\\), North Europe \\\(2\\\)/);
    assert.match(tooltip, /End of life: Jan 31, 2026.*\\\(past\\\)/);
    assert.match(tooltip, /Published: Mar 3, 2025/);
  });
});
