/**
 * Logging in to a node: the SSH command line for Linux nodes, the RDP address for Windows nodes, and the checks of
 * Add User… (name, expiry, SSH public key, password typed twice). Pure; passwords are only compared, never kept.
 */
import * as l10n from '../utils/l10n';

export type NodeOs = 'linux' | 'windows';

export interface RemoteLoginEndpoint {
  remoteLoginIPAddress: string;
  remoteLoginPort: number;
}

/** The pool's OS from its nodeAgentSKUId ("batch.node.windows amd64" -> windows, else linux). */
export function nodeOsFromAgentSku(nodeAgentSkuId: string | undefined): NodeOs {
  return (nodeAgentSkuId ?? '').toLowerCase().includes('windows') ? 'windows' : 'linux';
}

const LINUX_USER = /^[a-z_][a-z0-9_-]{0,31}$/i;
const WINDOWS_USER = /^[^"/\\[\]:;|=,+*?<>@\s][^"/\\[\]:;|=,+*?<>@]{0,19}$/;

/** Why a user name will not do (undefined when it is fine). Linux: 1-32 of letters, digits, _ and -, not starting with a digit or -. */
export function validateNodeUserName(name: string, os: NodeOs): string | undefined {
  const trimmed = name.trim();
  if (trimmed === '') { return l10n.t('Enter a user name.'); }
  if (os === 'linux' && !LINUX_USER.test(trimmed)) {
    return l10n.t('Use 1 to 32 letters, digits, "_" or "-", starting with a letter or "_".');
  }
  if (os === 'windows' && (!WINDOWS_USER.test(trimmed) || trimmed.endsWith('.'))) {
    return l10n.t('Use up to 20 characters, without spaces at the start and without " / \\ [ ] : ; | = , + * ? < > @.');
  }
  return undefined;
}

/** `ssh -p PORT USER@IP` for a Linux node (the user name is checked, so nothing needs quoting). */
export function sshCommand(endpoint: RemoteLoginEndpoint, user: string): string {
  if (!LINUX_USER.test(user)) { throw new RangeError(`Not a Linux user name: ${JSON.stringify(user)}`); }
  if (!Number.isInteger(endpoint.remoteLoginPort) || endpoint.remoteLoginPort < 1 || endpoint.remoteLoginPort > 65535) {
    throw new RangeError(`Not a port: ${endpoint.remoteLoginPort}`);
  }
  if (!/^[0-9a-fA-F.:]+$/.test(endpoint.remoteLoginIPAddress)) { throw new RangeError(`Not an IP address: ${endpoint.remoteLoginIPAddress}`); }
  return `ssh -p ${endpoint.remoteLoginPort} ${user}@${endpoint.remoteLoginIPAddress}`;
}

/** "IP:PORT" for Remote Desktop (mstsc /v:IP:PORT); IPv6 in brackets. */
export function rdpAddress(endpoint: RemoteLoginEndpoint): string {
  const ip = endpoint.remoteLoginIPAddress.includes(':') ? `[${endpoint.remoteLoginIPAddress}]` : endpoint.remoteLoginIPAddress;
  return `${ip}:${endpoint.remoteLoginPort}`;
}

/** The lines Show Remote Login Settings shows. */
export function remoteLoginLines(endpoint: RemoteLoginEndpoint, os: NodeOs, user?: string): string[] {
  const lines = [l10n.t('Address: {0}, port {1}', endpoint.remoteLoginIPAddress, endpoint.remoteLoginPort)];
  if (os === 'linux') {
    lines.push(l10n.t('SSH: {0}', sshCommand(endpoint, user && LINUX_USER.test(user) ? user : 'USER')));
  } else {
    lines.push(l10n.t('Remote Desktop: mstsc /v:{0}', rdpAddress(endpoint)));
  }
  lines.push(l10n.t('Log in with a user added to the node (Add User…).'));
  return lines;
}

/** Public-key files offered from ~/.ssh: "*.pub", sorted, ed25519 first. */
export function sshPublicKeyFiles(fileNames: readonly string[]): string[] {
  const rank = (name: string) => (name.includes('ed25519') ? 0 : name.includes('ecdsa') ? 1 : 2);
  return fileNames.filter((name) => name.endsWith('.pub')).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

const SSH_KEY = /^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) [A-Za-z0-9+/]+={0,3}( [^\r\n]*)?$/;

/** The key as the service wants it (one line, OpenSSH format), or an error message. */
export function checkSshPublicKey(text: string): { ok: true; key: string } | { ok: false; message: string } {
  const key = text.trim();
  if (/PRIVATE KEY/.test(key)) {
    return { ok: false, message: l10n.t('This is a private key. Pick the public key (the .pub file); a private key never leaves this machine.') };
  }
  if (key.includes('\n') || !SSH_KEY.test(key)) {
    return { ok: false, message: l10n.t('This is not an OpenSSH public key ("ssh-ed25519 AAAA… comment").') };
  }
  return { ok: true, key };
}

/** Days until the account expires, from the input box (default 1): an integer from 1 to 365. */
export function validateExpiryDays(text: string): string | undefined {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed) || Number(trimmed) < 1 || Number(trimmed) > 365) {
    return l10n.t('Enter a whole number of days from 1 to 365.');
  }
  return undefined;
}

/** expiryTime for the request: `days` days from `now`, ISO 8601. */
export function expiryTime(days: number, now: Date = new Date()): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString();
}

/**
 * Windows' password complexity (at least 8 characters, three of: lower case, upper case, digit, symbol), checked
 * before sending so that a too simple password is caught at once. Returns an error message, or undefined.
 */
export function validateWindowsPassword(password: string): string | undefined {
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (password.length < 8 || classes < 3) {
    return l10n.t('Use at least 8 characters with three of: lower case, upper case, digits, symbols.');
  }
  return undefined;
}

/** The second entry of the password must repeat the first. */
export function validatePasswordRepeat(first: string, second: string): string | undefined {
  return first === second ? undefined : l10n.t('The passwords differ. Type the same password twice.');
}
