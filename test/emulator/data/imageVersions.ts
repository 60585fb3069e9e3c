/**
 * Image versions of the demo galleries (shapes per the GalleryRP 2024-03-03 example
 * GalleryImageVersion_ListByGalleryImage): a few per definition, with replication regions, end-of-life dates, one
 * still replicating (Creating), one Failed, one excluded from "latest", and one definition without versions.
 */
import type { ImageVersionRecord } from '../state';

interface VersionSeed {
  name: string;
  /** ISO date (UTC midnight) the version was published. */
  published: string;
  endOfLife?: string;
  /** Replication regions (display names, as ARM returns them) and replica counts; the first is the primary. */
  regions: [string, number][];
  excludeFromLatest?: boolean;
  state?: ImageVersionRecord['provisioningState'];
}

const PLANS: Record<string, VersionSeed[]> = {
  'ubuntu-2204-batch': [
    { name: '1.0.0', published: '2024-10-02', endOfLife: '2025-04-30', regions: [['West Europe', 1]] },
    { name: '1.1.0', published: '2025-01-14', endOfLife: '2026-01-31', regions: [['West Europe', 2], ['North Europe', 1]] },
    { name: '1.2.0', published: '2025-03-03', regions: [['West Europe', 3], ['North Europe', 1], ['East US', 2]] },
  ],
  'ubuntu-2204-arm64': [
    { name: '1.0.0', published: '2025-02-10', regions: [['West Europe', 1]] },
  ],
  'win2022-render': [
    { name: '1.3.2', published: '2024-09-12', endOfLife: '2025-03-31', regions: [['West Europe', 1]], excludeFromLatest: true },
    { name: '1.4.0', published: '2025-01-28', regions: [['West Europe', 5], ['North Europe', 2]] },
    { name: '1.5.0', published: '2025-03-09', regions: [['West Europe', 1], ['North Europe', 1]], state: 'Creating' },
  ],
  'win2019-legacy': [
    { name: '2.0.7', published: '2023-05-20', endOfLife: '2025-01-31', regions: [['West Europe', 1]] },
  ],
  'rhel9-specialized': [
    { name: '9.4.1', published: '2024-12-02', regions: [['West Europe', 1]] },
  ],
  'cuda-ubuntu-2204': [
    { name: '12.2.0', published: '2024-08-19', endOfLife: '2025-08-31', regions: [['North Europe', 2], ['Sweden Central', 1]] },
    { name: '12.4.0', published: '2025-02-24', regions: [['North Europe', 4], ['Sweden Central', 2], ['West Europe', 1]] },
  ],
  'alma-hpc-9': [
    { name: '9.3.0', published: '2025-03-07', regions: [['North Europe', 1]], state: 'Failed' },
  ],
  // win11-dev-specialized: no versions yet.
};

export interface ImageVersionContext {
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  imageName: string;
  osType: 'Linux' | 'Windows';
  osState: 'Generalized' | 'Specialized';
}

function version(c: ImageVersionContext, s: VersionSeed): ImageVersionRecord {
  const rg = `/subscriptions/${c.subscriptionId}/resourceGroups/${c.resourceGroup}/providers/Microsoft.Compute`;
  // A generalized version is captured from a managed image, a specialized one from a VM.
  const source = c.osState === 'Generalized'
    ? { id: `${rg}/images/${c.imageName}-${s.name}` }
    : { virtualMachineId: `${rg}/virtualMachines/${c.imageName}-capture` };
  return {
    name: s.name,
    location: c.location,
    tags: { environment: 'emulator' },
    provisioningState: s.state ?? 'Succeeded',
    properties: {
      publishingProfile: {
        targetRegions: s.regions.map(([name, count]) => ({
          name,
          regionalReplicaCount: count,
          storageAccountType: 'Standard_LRS',
          excludeFromLatest: s.excludeFromLatest ?? false,
        })),
        replicaCount: s.regions[0]![1],
        excludeFromLatest: s.excludeFromLatest ?? false,
        publishedDate: `${s.published}T09:30:00Z`,
        ...(s.endOfLife ? { endOfLifeDate: `${s.endOfLife}T00:00:00Z` } : {}),
        storageAccountType: 'Standard_LRS',
        replicationMode: 'Full',
      },
      storageProfile: {
        source,
        osDiskImage: { sizeInGB: c.osType === 'Windows' ? 127 : 30, hostCaching: 'ReadWrite' },
      },
      safetyProfile: { allowDeletionOfReplicatedLocations: false, reportedForPolicyViolation: false },
    },
  };
}

/** The demo versions of one image definition, oldest first (none for definitions without a plan). */
export function demoImageVersions(c: ImageVersionContext): ImageVersionRecord[] {
  return (PLANS[c.imageName] ?? []).map((s) => version(c, s));
}
