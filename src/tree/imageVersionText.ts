/**
 * Text of an image version row, read at a glance: the provisioning state in words, a marker once the version is past
 * its end-of-life date, and the tooltip (provisioning state, replication regions with replica counts, end of life,
 * published). Pure (no `vscode`), unit-tested on Node; words through `l10n.t`, dates through `formatDateTime`.
 */
import type { GalleryImageVersion } from '../azure/arm/galleryImageVersionModels.generated';
import { formatDateTime } from '../utils/format';
import * as l10n from '../utils/l10n';
import { md } from './markdown';

export type VersionRow = Pick<GalleryImageVersion, 'name' | 'properties'>;

/** A gallery provisioning state in words ("succeeded", "creating"); an unknown one as sent. */
export function readableProvisioningState(state: string | undefined): string {
  switch (state) {
    case 'Succeeded': return l10n.t('succeeded');
    case 'Creating': return l10n.t('creating');
    case 'Updating': return l10n.t('updating');
    case 'Failed': return l10n.t('failed');
    case 'Deleting': return l10n.t('deleting');
    case 'Migrating': return l10n.t('migrating');
    case undefined: return l10n.t('unknown');
    default: return state;
  }
}

/** True when the version has an end-of-life date before `now`. */
export function isPastEndOfLife(version: VersionRow, now: number): boolean {
  const eol = version.properties?.publishingProfile?.endOfLifeDate;
  const time = eol ? Date.parse(eol) : Number.NaN;
  return Number.isFinite(time) && time < now;
}

/** "succeeded", "failed", "succeeded · end of life". */
export function imageVersionDescription(version: VersionRow, now: number): string {
  const parts = [readableProvisioningState(version.properties?.provisioningState)];
  if (isPastEndOfLife(version, now)) {
    parts.push(l10n.t('end of life'));
  }
  return parts.join(' · ');
}

/** The codicon of a version row: failed, still replicating, past end of life, or a plain version. */
export function imageVersionIcon(version: VersionRow, now: number): { icon: string; color?: string } {
  const state = version.properties?.provisioningState;
  if (state === 'Failed') {
    return { icon: 'error', color: 'errorForeground' };
  }
  if (state && state !== 'Succeeded') {
    return { icon: 'loading~spin' };
  }
  return isPastEndOfLife(version, now) ? { icon: 'history', color: 'disabledForeground' } : { icon: 'versions' };
}

/** "West Europe (3), North Europe (1)": the target regions with their replica counts. */
export function replicationRegions(version: VersionRow): string {
  const profile = version.properties?.publishingProfile;
  return (profile?.targetRegions ?? [])
    .map((r) => l10n.t('{0} ({1})', r.name, r.regionalReplicaCount ?? profile?.replicaCount ?? 1))
    .join(', ');
}

/** The tooltip (Markdown; every service value escaped). */
export function imageVersionTooltip(version: VersionRow, now: number, locale = 'en'): string {
  const profile = version.properties?.publishingProfile;
  const lines = [`**${md(version.name)}**`];
  lines.push(`${md(l10n.t('Provisioning state'))}: ${md(readableProvisioningState(version.properties?.provisioningState))}`);
  const regions = replicationRegions(version);
  lines.push(`${md(l10n.t('Replication regions'))}: ${md(regions || l10n.t('none'))}`);
  if (profile?.endOfLifeDate) {
    const eol = formatDateTime(profile.endOfLifeDate, locale);
    lines.push(`${md(l10n.t('End of life'))}: ${md(eol)}${isPastEndOfLife(version, now) ? ` ${md(l10n.t('(past)'))}` : ''}`);
  }
  if (profile?.publishedDate) {
    lines.push(`${md(l10n.t('Published'))}: ${md(formatDateTime(profile.publishedDate, locale))}`);
  }
  if (profile?.excludeFromLatest) {
    lines.push(md(l10n.t('Excluded from "latest".')));
  }
  return lines.join('\n\n');
}
