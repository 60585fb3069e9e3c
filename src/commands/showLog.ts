import type { ExtensionServices } from '../extensionServices';

export function showLog(services: ExtensionServices): void {
  services.log.show(true);
}
