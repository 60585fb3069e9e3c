/**
 * The emulator's self-signed certificate: generated once into certDir and reused by every later start.
 * The certificate is its own CA (basicConstraints CA:true) so the PEM file works as a NODE_EXTRA_CA_CERTS trust anchor,
 * and names 127.0.0.1, ::1 and localhost.
 */
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface TlsMaterial {
  cert: string;
  key: string;
  certificatePath: string;
}

const CERT_FILE = 'emulator-cert.pem';
const KEY_FILE = 'emulator-key.pem';
const LOCK_FILE = 'generate.lock';
const MIN_REMAINING_MS = 7 * 24 * 3600 * 1000;

/** Returns the certificate in certDir, generating it when absent, unreadable, expiring or lacking the needed names. */
export async function ensureCertificate(certDir: string): Promise<TlsMaterial> {
  mkdirSync(certDir, { recursive: true });
  const certificatePath = join(certDir, CERT_FILE);
  const keyPath = join(certDir, KEY_FILE);
  const existing = readUsable(certificatePath, keyPath);
  if (existing) { return existing; }

  const lockPath = join(certDir, LOCK_FILE);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (tryLock(lockPath)) { break; }
    // Another process is generating: wait for it, then use its result.
    await sleep(100);
    const theirs = readUsable(certificatePath, keyPath);
    if (theirs) { return theirs; }
    if (Date.now() > deadline || isStale(lockPath)) {
      try { unlinkSync(lockPath); } catch { /* someone else removed it */ }
    }
  }
  try {
    const again = readUsable(certificatePath, keyPath);
    if (again) { return again; }
    const pems = await createCertificate();
    const suffix = `.${process.pid}.tmp`;
    writeFileSync(keyPath + suffix, pems.key, { mode: 0o600 });
    writeFileSync(certificatePath + suffix, pems.cert);
    renameSync(keyPath + suffix, keyPath);
    renameSync(certificatePath + suffix, certificatePath);
    return { cert: pems.cert, key: pems.key, certificatePath };
  } finally {
    try { unlinkSync(lockPath); } catch { /* already gone */ }
  }
}

async function createCertificate(): Promise<{ cert: string; key: string }> {
  const notBeforeDate = new Date(Date.now() - 3600 * 1000);
  const notAfterDate = new Date(notBeforeDate.getTime() + 2 * 365 * 24 * 3600 * 1000);
  const result = await generate([{ name: 'commonName', value: 'Azure Batch Operator local emulator' }], {
    keyType: 'rsa',
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  return { cert: result.cert, key: result.private };
}

function readUsable(certificatePath: string, keyPath: string): TlsMaterial | undefined {
  if (!existsSync(certificatePath) || !existsSync(keyPath)) { return undefined; }
  try {
    const cert = readFileSync(certificatePath, 'utf8');
    const key = readFileSync(keyPath, 'utf8');
    const x509 = new X509Certificate(cert);
    if (new Date(x509.validTo).getTime() - Date.now() < MIN_REMAINING_MS) { return undefined; }
    if (!x509.ca) { return undefined; }
    if (!x509.checkIP('127.0.0.1') || !x509.checkHost('localhost')) { return undefined; }
    return { cert, key, certificatePath };
  } catch {
    return undefined;
  }
}

function tryLock(lockPath: string): boolean {
  try {
    closeSync(openSync(lockPath, 'wx'));
    return true;
  } catch {
    return false;
  }
}

function isStale(lockPath: string): boolean {
  try {
    return Date.now() - statSync(lockPath).mtimeMs > 30_000;
  } catch {
    return true;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
