/**
 * API versions per service (settings azureBatch.apiVersion.*). See the README section
 * "Azure API versions" for why each default was chosen.
 */
export interface ApiVersions {
  /** Batch data plane (pools, nodes, node counts, reimage, pool patch). */
  batch: string;
  /** Microsoft.Batch resource provider (list/get accounts, listKeys). */
  batchManagement: string;
  /** Microsoft.Compute galleries (galleries, image definitions). */
  compute: string;
  /** Microsoft.Resources (subscriptions). */
  resources: string;
}

export const DEFAULT_API_VERSIONS: Readonly<ApiVersions> = {
  batch: '2025-06-01.21.0',
  batchManagement: '2025-06-01',
  compute: '2024-03-03',
  resources: '2022-12-01',
};

/** Fills empty settings with the defaults. */
export function resolveApiVersions(settings: Partial<Record<keyof ApiVersions, string | undefined>> = {}): ApiVersions {
  const pick = (key: keyof ApiVersions): string => settings[key]?.trim() || DEFAULT_API_VERSIONS[key];
  return { batch: pick('batch'), batchManagement: pick('batchManagement'), compute: pick('compute'), resources: pick('resources') };
}
