/** Azure Compute Gallery content of the demo data set (shapes per the GalleryRP 2024-03-03 examples). */
import type { GalleryRecord, ImageRecord } from '../state';
import { demoImageVersions } from './imageVersions';

interface ImageSeed {
  name: string;
  osType: 'Linux' | 'Windows';
  osState: 'Generalized' | 'Specialized';
  hyperVGeneration: 'V1' | 'V2';
  architecture: 'x64' | 'Arm64';
  identifier: [string, string, string];
  description: string;
  provisioningState?: ImageRecord['provisioningState'];
  trustedLaunch?: boolean;
  vCPUs?: [number, number];
}

function image(location: string, s: ImageSeed): ImageRecord {
  const properties: Record<string, unknown> = {
    description: s.description,
    osType: s.osType,
    osState: s.osState,
    hyperVGeneration: s.hyperVGeneration,
    architecture: s.architecture,
    identifier: { publisher: s.identifier[0], offer: s.identifier[1], sku: s.identifier[2] },
  };
  if (s.vCPUs) { properties['recommended'] = { vCPUs: { min: s.vCPUs[0], max: s.vCPUs[1] }, memory: { min: 4, max: 512 } }; }
  if (s.trustedLaunch) { properties['features'] = [{ name: 'SecurityType', value: 'TrustedLaunchSupported' }]; }
  return { name: s.name, location, properties, provisioningState: s.provisioningState ?? 'Succeeded' };
}

function gallery(subscriptionId: string, resourceGroup: string, name: string, location: string, description: string, seeds: ImageSeed[]): GalleryRecord {
  return {
    subscriptionId,
    resourceGroup,
    name,
    location,
    description,
    tags: { environment: 'emulator' },
    images: new Map(seeds.map((s) => [
      s.name.toLowerCase(),
      { ...image(location, s), versions: demoImageVersions({ subscriptionId, resourceGroup, location, imageName: s.name, osType: s.osType, osState: s.osState }) },
    ])),
  };
}

export function demoGalleries(sub1: string, sub2: string): GalleryRecord[] {
  return [
    gallery(sub1, 'images-rg', 'contosoImages', 'westeurope', 'Golden images for Contoso Batch pools.', [
      { name: 'ubuntu-2204-batch', osType: 'Linux', osState: 'Generalized', hyperVGeneration: 'V2', architecture: 'x64', identifier: ['Contoso', 'ubuntu-batch', '22_04-lts-gen2'], description: 'Ubuntu 22.04 with the Batch node agent prerequisites.', trustedLaunch: true, vCPUs: [2, 64] },
      { name: 'ubuntu-2204-arm64', osType: 'Linux', osState: 'Generalized', hyperVGeneration: 'V2', architecture: 'Arm64', identifier: ['Contoso', 'ubuntu-batch', '22_04-lts-arm64'], description: 'Ubuntu 22.04 for Ampere Altra (Dpsv5) pools.' },
      { name: 'win2022-render', osType: 'Windows', osState: 'Generalized', hyperVGeneration: 'V2', architecture: 'x64', identifier: ['Contoso', 'windows-render', '2022-datacenter-g2'], description: 'Windows Server 2022 with the render toolchain.', trustedLaunch: true, vCPUs: [8, 96] },
      { name: 'win2019-legacy', osType: 'Windows', osState: 'Generalized', hyperVGeneration: 'V1', architecture: 'x64', identifier: ['Contoso', 'windows-render', '2019-datacenter'], description: 'Windows Server 2019 for the legacy render farm.' },
      { name: 'rhel9-specialized', osType: 'Linux', osState: 'Specialized', hyperVGeneration: 'V2', architecture: 'x64', identifier: ['Contoso', 'rhel-hpc', '9-specialized'], description: 'Specialized RHEL 9 capture of a licensed HPC head node.' },
    ]),
    gallery(sub2, 'research-rg', 'fabrikam_ml_gallery', 'northeurope', 'Machine-learning images for Fabrikam Research.', [
      { name: 'cuda-ubuntu-2204', osType: 'Linux', osState: 'Generalized', hyperVGeneration: 'V2', architecture: 'x64', identifier: ['Fabrikam', 'ml-images', 'cuda12-ubuntu2204'], description: 'Ubuntu 22.04 with CUDA 12 and NCCL.', vCPUs: [6, 96] },
      { name: 'alma-hpc-9', osType: 'Linux', osState: 'Generalized', hyperVGeneration: 'V2', architecture: 'x64', identifier: ['Fabrikam', 'hpc', 'alma9-hpc'], description: 'AlmaLinux 9 HPC image (last update failed).', provisioningState: 'Failed' },
      { name: 'win11-dev-specialized', osType: 'Windows', osState: 'Specialized', hyperVGeneration: 'V2', architecture: 'x64', identifier: ['Fabrikam', 'dev-boxes', 'win11-23h2-spec'], description: 'Specialized Windows 11 developer workstation.', trustedLaunch: true },
    ]),
  ];
}
