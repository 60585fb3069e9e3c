import { readFileSync } from 'node:fs';
import { AzureHttpClient } from '../../src/azure/http/azureHttpClient';
import { BatchAccountClient } from '../../src/azure/batch/batchAccountClient';
import { SharedKeyAuthorizer } from '../../src/azure/auth/sharedKeyAuthorizer';
import type { Emulator } from '../emulator/server';
import { appendRow } from './benchTable';

/** A Batch client on one of the emulator's accounts, shared-key signed, trusting the emulator's certificate. */
export function batchClientFor(emulator: Emulator, accountName: string): BatchAccountClient {
  const account = emulator.info.batchAccounts.find((a) => a.name === accountName)!;
  const http = new AzureHttpClient({ userAgent: 'azure-batch-operator-bench/1.0', transport: { ca: readFileSync(emulator.info.certificatePath, 'utf8') } });
  return new BatchAccountClient(http, { url: account.url, authorizer: new SharedKeyAuthorizer(account.name, () => account.primaryKey), apiVersion: '2025-06-01.21.0' });
}

/** One printed line; under `npm run bench` also a row of the table (one value, no goal: the note goes in Ratio). */
export function report(name: string, value: number, unit: string, extra = ''): void {
  appendRow({ measure: name.trim(), goal: '', unit, median: value, min: value, max: value, runs: 1, ratio: extra || undefined, verdict: '' });
  console.log(`${name.padEnd(58)} ${value.toFixed(unit === 'ms' ? 0 : 1).padStart(9)} ${unit}${extra ? `  ${extra}` : ''}`);
}
