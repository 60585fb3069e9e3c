/** "azure-batch-operator/0.1.0 VSCode/1.101.0 (node/22.x; linux x64)". */
export function buildUserAgent(extensionName: string, extensionVersion: string, hostVersion?: string): string {
  const host = hostVersion ? ` VSCode/${hostVersion}` : '';
  return `${extensionName}/${extensionVersion}${host} (node/${process.versions.node}; ${process.platform} ${process.arch})`;
}
