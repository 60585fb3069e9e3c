/**
 * ARM common types (azure-rest-api-specs common-types/resource-management/v3/types.json),
 * written by hand because that file is not part of the copied specs.
 */
export interface SystemData {
  createdBy?: string;
  createdByType?: 'User' | 'Application' | 'ManagedIdentity' | 'Key';
  createdAt?: string;
  lastModifiedBy?: string;
  lastModifiedByType?: 'User' | 'Application' | 'ManagedIdentity' | 'Key';
  lastModifiedAt?: string;
}

export interface Resource {
  /** Fully qualified resource id (read-only). */
  id?: string;
  /** Resource name (read-only). */
  name?: string;
  /** Resource type, e.g. "Microsoft.Compute/galleries/images" (read-only). */
  type?: string;
  systemData?: SystemData;
}

export interface TrackedResource extends Resource {
  /** Geo-location, required on create. */
  location: string;
  tags?: Record<string, string>;
}

/** The parts of an ARM resource id this extension needs. */
export interface ResourceIdParts {
  subscriptionId: string;
  resourceGroup: string;
  /** Last name segment. */
  name: string;
}

/** Parses "/subscriptions/{s}/resourceGroups/{rg}/providers/{ns}/{type}/{name}[/...]". */
export function parseResourceId(id: string): ResourceIdParts {
  const parts = id.split('/').filter(Boolean);
  const find = (key: string): string | undefined => {
    const index = parts.findIndex((p) => p.toLowerCase() === key.toLowerCase());
    return index >= 0 ? parts[index + 1] : undefined;
  };
  const subscriptionId = find('subscriptions');
  const resourceGroup = find('resourceGroups');
  const name = parts[parts.length - 1];
  if (!subscriptionId || !resourceGroup || !name) {
    throw new Error(`Not an ARM resource id: ${id}`);
  }
  return { subscriptionId, resourceGroup, name: decodeURIComponent(name) };
}
