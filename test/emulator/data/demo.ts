/**
 * Data sets. `demo`: two subscriptions, three Batch accounts, pools of 3, 250, 10,000 and 10 nodes (plus an empty one
 * and one where reimage is not supported), two galleries. `small`: the same without the 10,000-node pool. `large`: the
 * demo plus a Batch account `contososcale` with a 50,000-node pool `hpc-50k` (for the heatmap benchmark; not in the
 * default demo, whose start it would slow).
 * Everything is generated from fixed seeds and fixed dates, so two starts give identical data (ids, keys, ETags).
 */
import { TEST_IDENTITY } from '../tokens';
import type { BatchAccountRecord, EmulatorState, NodeState, PoolRecord, SubscriptionRecord } from '../state';
import { etagFor } from '../state';
import { demoGalleries } from './galleries';
import { attachNodes, generateNodes, type NodePlan } from './nodes';
import { SeededRandom } from './random';

export type DataSetName = 'demo' | 'small' | 'large';

export const SUBSCRIPTION_PROD = '8c2f6e1a-4b7d-4e3a-9f10-2a5b6c7d8e9f';
export const SUBSCRIPTION_RESEARCH = '1e9d7c5b-3a2f-4c8e-b6d4-f0e1d2c3b4a5';

const BASE_TIME = Date.UTC(2025, 2, 10, 8, 15, 2); // 2025-03-10T08:15:02Z

interface PoolSeed {
  id: string;
  displayName: string;
  vmSize: string;
  virtualMachineConfiguration: Record<string, unknown>;
  startTask?: Record<string, unknown>;
  taskSlotsPerNode: number;
  nodeFillType: 'spread' | 'pack';
  metadata?: { name: string; value: string }[];
  applicationPackageReferences?: { applicationId: string; version?: string }[];
  networkConfiguration?: Record<string, unknown>;
  enableInterNodeCommunication?: boolean;
  reimageSupported?: boolean;
  createdDaysAgo: number;
  nodes: Omit<NodePlan, 'seed' | 'idNumber' | 'allocatedAt' | 'taskSlotsPerNode' | 'jobId'> & { jobId?: string };
}

const UBUNTU_2204 = {
  imageReference: { publisher: 'canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts', version: 'latest' },
  nodeAgentSKUId: 'batch.node.ubuntu 22.04',
};

function linuxStartTask(commandLine: string): Record<string, unknown> {
  return {
    commandLine,
    userIdentity: { autoUser: { scope: 'pool', elevationLevel: 'admin' } },
    maxTaskRetryCount: 2,
    waitForSuccess: true,
  };
}

function makePool(seed: PoolSeed, index: number, rng: SeededRandom): PoolRecord {
  const creationTime = BASE_TIME - seed.createdDaysAgo * 86400_000;
  const lastModified = creationTime + 3600_000;
  const dedicatedCount = seed.nodes.dedicatedCount;
  const spec: Record<string, unknown> = {
    displayName: seed.displayName,
    vmSize: seed.vmSize,
    virtualMachineConfiguration: seed.virtualMachineConfiguration,
    resizeTimeout: 'PT15M',
    targetDedicatedNodes: dedicatedCount,
    targetLowPriorityNodes: seed.nodes.count - dedicatedCount,
    enableAutoScale: false,
    enableInterNodeCommunication: seed.enableInterNodeCommunication ?? false,
    ...(seed.networkConfiguration ? { networkConfiguration: seed.networkConfiguration } : {}),
    ...(seed.startTask ? { startTask: seed.startTask } : {}),
    ...(seed.applicationPackageReferences ? { applicationPackageReferences: seed.applicationPackageReferences } : {}),
    taskSlotsPerNode: seed.taskSlotsPerNode,
    taskSchedulingPolicy: { nodeFillType: seed.nodeFillType },
    ...(seed.metadata ? { metadata: seed.metadata } : {}),
    targetNodeCommunicationMode: 'simplified',
    currentNodeCommunicationMode: 'simplified',
  };
  const pool: PoolRecord = {
    id: seed.id,
    creationTime,
    lastModified,
    eTag: etagFor(lastModified),
    state: 'active',
    stateTransitionTime: creationTime,
    allocationState: 'steady',
    allocationStateTransitionTime: creationTime + 15 * 60_000,
    spec,
    startTaskHistory: [seed.startTask],
    nodes: [],
    nodeById: new Map(),
    reimageSupported: seed.reimageSupported ?? true,
    nodeAgentVersion: '1.11.4',
    ipPrefix: `10.${index + 1}`,
  };
  const plan: NodePlan = {
    ...seed.nodes,
    seed: 1000 + index * 7919,
    idNumber: 1695681911 + rng.int(1, 99_999_999),
    allocatedAt: creationTime + 5 * 60_000,
    taskSlotsPerNode: seed.taskSlotsPerNode,
    jobId: seed.nodes.jobId ?? `${seed.id}-job`,
  };
  attachNodes(pool, generateNodes(plan));
  return pool;
}

function account(rng: SeededRandom, a: Omit<BatchAccountRecord, 'primaryKey' | 'secondaryKey' | 'pools'>, pools: PoolRecord[]): BatchAccountRecord {
  return { ...a, primaryKey: rng.base64(64), secondaryKey: rng.base64(64), pools: new Map(pools.map((p) => [p.id, p])) };
}

const LINUX_SMALL_STATES: NodeState[] = ['idle', 'running', 'starttaskfailed'];
const ML_TRAIN_STATES: NodeState[] = ['idle', 'running', 'running', 'unusable', 'offline', 'idle', 'running', 'preempted', 'preempted', 'starttaskfailed'];

export function buildDataSet(name: DataSetName): EmulatorState {
  const rng = new SeededRandom(20250310);
  let poolIndex = 0;
  const pool = (seed: PoolSeed): PoolRecord => makePool(seed, poolIndex++, rng);

  const linuxSmall = pool({
    id: 'linux-small', displayName: 'Linux build agents', vmSize: 'standard_d2s_v3', virtualMachineConfiguration: UBUNTU_2204,
    startTask: linuxStartTask("/bin/bash -c 'apt-get update && apt-get install -y build-essential'"),
    taskSlotsPerNode: 2, nodeFillType: 'spread', createdDaysAgo: 30,
    metadata: [{ name: 'owner', value: 'build-team' }, { name: 'costCenter', value: 'CC-1042' }],
    nodes: { count: 3, dedicatedCount: 3, explicit: LINUX_SMALL_STATES },
  });
  const winRender = pool({
    id: 'win-render', displayName: 'Windows render farm', vmSize: 'standard_d8s_v5',
    virtualMachineConfiguration: {
      imageReference: { virtualMachineImageId: `/subscriptions/${SUBSCRIPTION_PROD}/resourceGroups/images-rg/providers/Microsoft.Compute/galleries/contosoImages/images/win2022-render/versions/1.4.0` },
      nodeAgentSKUId: 'batch.node.windows amd64',
      windowsConfiguration: { enableAutomaticUpdates: false },
      osDisk: { caching: 'readwrite', managedDisk: { storageAccountType: 'premium_lrs' }, diskSizeGB: 256 },
    },
    startTask: { commandLine: 'cmd /c "%AZ_BATCH_APP_PACKAGE_blender#4.1%\\install.cmd"', userIdentity: { autoUser: { scope: 'pool', elevationLevel: 'admin' } }, maxTaskRetryCount: 1, waitForSuccess: true },
    applicationPackageReferences: [{ applicationId: 'blender', version: '4.1' }],
    networkConfiguration: { subnetId: `/subscriptions/${SUBSCRIPTION_PROD}/resourceGroups/network-rg/providers/Microsoft.Network/virtualNetworks/batch-vnet/subnets/render`, dynamicVNetAssignmentScope: 'none', enableAcceleratedNetworking: true },
    taskSlotsPerNode: 4, nodeFillType: 'pack', createdDaysAgo: 90,
    metadata: [{ name: 'owner', value: 'vfx' }],
    nodes: { count: 250, dedicatedCount: 200, jobId: 'render-shot-0420' },
  });
  const emptyGpu = pool({
    id: 'gpu-empty', displayName: 'GPU pool (scaled to zero)', vmSize: 'standard_nc6s_v3', virtualMachineConfiguration: UBUNTU_2204,
    taskSlotsPerNode: 1, nodeFillType: 'spread', createdDaysAgo: 12, nodes: { count: 0, dedicatedCount: 0 },
  });
  const hpc = pool({
    id: 'hpc-10k', displayName: 'HPC simulation (10k nodes)', vmSize: 'standard_hb120rs_v3',
    virtualMachineConfiguration: { imageReference: { publisher: 'almalinux', offer: 'almalinux-hpc', sku: '8_7-hpc-gen2', version: 'latest' }, nodeAgentSKUId: 'batch.node.el 8' },
    startTask: linuxStartTask("/bin/bash -c 'sudo /opt/hpc/setup-infiniband.sh'"),
    enableInterNodeCommunication: false, taskSlotsPerNode: 1, nodeFillType: 'spread', createdDaysAgo: 5,
    nodes: { count: 10_000, dedicatedCount: 7_000, jobId: 'cfd-sweep-17' },
  });
  const mlTrain = pool({
    id: 'ml-train', displayName: 'Model training', vmSize: 'standard_nc24ads_a100_v4',
    virtualMachineConfiguration: { imageReference: { publisher: 'microsoft-dsvm', offer: 'ubuntu-hpc', sku: '2204', version: 'latest' }, nodeAgentSKUId: 'batch.node.ubuntu 22.04' },
    startTask: linuxStartTask("/bin/bash -c 'nvidia-smi && pip install -r $AZ_BATCH_APP_PACKAGE_trainer/requirements.txt'"),
    applicationPackageReferences: [{ applicationId: 'trainer', version: '2.3.0' }],
    taskSlotsPerNode: 1, nodeFillType: 'spread', createdDaysAgo: 20,
    nodes: { count: 10, dedicatedCount: 5, explicit: ML_TRAIN_STATES, jobId: 'train-llm-small' },
  });
  const legacy = pool({
    id: 'legacy-cs', displayName: 'Legacy pool (reimage not supported)', vmSize: 'standard_d2_v3',
    virtualMachineConfiguration: { imageReference: { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2019-datacenter-core-smalldisk', version: 'latest' }, nodeAgentSKUId: 'batch.node.windows amd64' },
    taskSlotsPerNode: 1, nodeFillType: 'spread', createdDaysAgo: 400, reimageSupported: false,
    metadata: [{ name: 'note', value: 'Reimage is refused for this pool (OperationNotValidOnPool).' }],
    nodes: { count: 4, dedicatedCount: 4, explicit: ['idle', 'idle', 'running', 'idle'] },
  });

  const subscriptions: SubscriptionRecord[] = [
    { subscriptionId: SUBSCRIPTION_PROD, displayName: 'Contoso Production', state: 'Enabled', resourceGroups: ['batch-prod-rg', 'hpc-rg', 'images-rg'] },
    { subscriptionId: SUBSCRIPTION_RESEARCH, displayName: 'Fabrikam Research', state: 'Enabled', resourceGroups: ['research-rg'] },
  ];
  const quotas = { poolAllocationMode: 'BatchService' as const, dedicatedCoreQuota: 500, lowPriorityCoreQuota: 500, poolQuota: 100, activeJobAndJobScheduleQuota: 300 };
  const accounts = [
    account(rng, { name: 'contosoprod', subscriptionId: SUBSCRIPTION_PROD, resourceGroup: 'batch-prod-rg', location: 'westeurope', ...quotas, applications: { blender: ['3.6', '4.1'], ffmpeg: ['6.0'] }, tags: { env: 'prod' } }, [linuxSmall, winRender, emptyGpu]),
    account(rng, { name: 'contosohpc', subscriptionId: SUBSCRIPTION_PROD, resourceGroup: 'hpc-rg', location: 'eastus', ...quotas, dedicatedCoreQuota: 1_300_000, lowPriorityCoreQuota: 500_000, applications: { solver: ['17.2'] } }, name === 'small' ? [] : [hpc]),
    account(rng, { name: 'fabrikamresearch', subscriptionId: SUBSCRIPTION_RESEARCH, resourceGroup: 'research-rg', location: 'northeurope', ...quotas, applications: { trainer: ['2.2.1', '2.3.0'] } }, [mlTrain, legacy]),
  ];
  if (name === 'large') {
    // Made after everything else so that the demo's ids, keys and ETags stay the same in this data set.
    const scale = pool({
      id: 'hpc-50k', displayName: 'HPC sweep (50k nodes)', vmSize: 'standard_hb120rs_v3',
      virtualMachineConfiguration: { imageReference: { publisher: 'almalinux', offer: 'almalinux-hpc', sku: '8_7-hpc-gen2', version: 'latest' }, nodeAgentSKUId: 'batch.node.el 8' },
      startTask: linuxStartTask("/bin/bash -c 'sudo /opt/hpc/setup-infiniband.sh'"),
      taskSlotsPerNode: 1, nodeFillType: 'spread', createdDaysAgo: 2,
      nodes: { count: 50_000, dedicatedCount: 20_000, jobId: 'cfd-sweep-18' },
    });
    accounts.push(account(rng, { name: 'contososcale', subscriptionId: SUBSCRIPTION_PROD, resourceGroup: 'hpc-rg', location: 'eastus', ...quotas, dedicatedCoreQuota: 6_000_000, lowPriorityCoreQuota: 4_000_000, applications: { solver: ['17.2'] } }, [scale]));
  }
  return {
    tenantId: TEST_IDENTITY.tenantId,
    subscriptions,
    accounts: new Map(accounts.map((a) => [a.name.toLowerCase(), a])),
    galleries: demoGalleries(SUBSCRIPTION_PROD, SUBSCRIPTION_RESEARCH),
    operations: new Map(),
  };
}
