/** Remote login (SSH command, Add User checks) and Upload Batch Service Logs (container URL, SAS mask, windows). */
import * as assert from 'node:assert/strict';
import {
  checkSshPublicKey,
  expiryTime,
  nodeOsFromAgentSku,
  rdpAddress,
  remoteLoginLines,
  sshCommand,
  sshPublicKeyFiles,
  validateExpiryDays,
  validateNodeUserName,
  validatePasswordRepeat,
  validateWindowsPassword,
} from '../../../src/nodeActions/remoteLogin';
import { checkContainerUrl, maskSas, timeWindowChoices, uploadSummary } from '../../../src/nodeActions/serviceLogsUpload';

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHk3c3VwZXJzZWNyZXRrZXlmb3J0ZXN0c29ubHk= ops@laptop';
const SAS = 'sv=2022-11-02&sp=cw&se=2099-01-01T00:00:00Z&sr=c&sig=VGhpc0lzVGhlU2lnbmF0dXJl';

describe('node actions: remote login', () => {
  it('builds the ssh line for a Linux node and the RDP address for a Windows node', () => {
    assert.equal(sshCommand({ remoteLoginIPAddress: '20.105.1.11', remoteLoginPort: 50001 }, 'ops'), 'ssh -p 50001 ops@20.105.1.11');
    assert.throws(() => sshCommand({ remoteLoginIPAddress: '20.105.1.11', remoteLoginPort: 50001 }, 'ops; rm -rf ~'), RangeError);
    assert.throws(() => sshCommand({ remoteLoginIPAddress: 'evil.example;ls', remoteLoginPort: 22 }, 'ops'), RangeError);
    assert.throws(() => sshCommand({ remoteLoginIPAddress: '1.1.1.1', remoteLoginPort: 0 }, 'ops'), RangeError);
    assert.equal(rdpAddress({ remoteLoginIPAddress: '20.105.1.11', remoteLoginPort: 50001 }), '20.105.1.11:50001');
    assert.equal(rdpAddress({ remoteLoginIPAddress: '2001:db8::1', remoteLoginPort: 3389 }), '[2001:db8::1]:3389');
    assert.deepEqual(remoteLoginLines({ remoteLoginIPAddress: '1.2.3.4', remoteLoginPort: 50000 }, 'linux', 'ops').slice(0, 2), ['Address: 1.2.3.4, port 50000', 'SSH: ssh -p 50000 ops@1.2.3.4']);
    assert.match(remoteLoginLines({ remoteLoginIPAddress: '1.2.3.4', remoteLoginPort: 50000 }, 'windows')[1]!, /mstsc \/v:1\.2\.3\.4:50000/);
    assert.equal(nodeOsFromAgentSku('batch.node.windows amd64'), 'windows');
    assert.equal(nodeOsFromAgentSku('batch.node.ubuntu 22.04'), 'linux');
  });

  it('checks Add User… inputs: name, expiry days, SSH public key, Windows password typed twice', () => {
    assert.equal(validateNodeUserName('ops', 'linux'), undefined);
    assert.ok(validateNodeUserName('1ops', 'linux'));
    assert.ok(validateNodeUserName('', 'windows'));
    assert.equal(validateNodeUserName('Render Admin', 'windows'), undefined);
    assert.ok(validateNodeUserName('a/b', 'windows'));
    assert.equal(validateExpiryDays('1'), undefined);
    assert.ok(validateExpiryDays('0'));
    assert.ok(validateExpiryDays('1.5'));
    assert.equal(expiryTime(1, new Date('2025-03-10T08:00:00Z')), '2025-03-11T08:00:00.000Z');
    assert.deepEqual(checkSshPublicKey(`  ${KEY}\n`), { ok: true, key: KEY });
    const privateKey = checkSshPublicKey('-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----');
    assert.equal(privateKey.ok, false);
    assert.match((privateKey as { message: string }).message, /private key/);
    assert.equal(checkSshPublicKey('hello').ok, false);
    assert.deepEqual(sshPublicKeyFiles(['id_rsa', 'id_rsa.pub', 'config', 'id_ed25519.pub', 'known_hosts']), ['id_ed25519.pub', 'id_rsa.pub']);
    assert.equal(validateWindowsPassword('Pa55-word'), undefined);
    assert.ok(validateWindowsPassword('password'));
    assert.equal(validatePasswordRepeat('a', 'a'), undefined);
    assert.ok(validatePasswordRepeat('a', 'b'));
  });
});

describe('node actions: upload Batch service logs', () => {
  it('accepts an https container URL with a write SAS and masks the SAS', () => {
    const check = checkContainerUrl(` https://contosologs.blob.core.windows.net/batch-logs?${SAS} `);
    assert.deepEqual(check, { ok: true, url: `https://contosologs.blob.core.windows.net/batch-logs?${SAS}`, masked: 'https://contosologs.blob.core.windows.net/batch-logs?<SAS>' });
    assert.equal(maskSas('https://a.blob.core.windows.net/c'), 'https://a.blob.core.windows.net/c');
  });

  it('refuses what the upload cannot use, without repeating the signature', () => {
    const cases: [string, RegExp][] = [
      ['', /Paste the container URL/],
      ['not a url', /not a URL/],
      [`http://contosologs.blob.core.windows.net/batch-logs?${SAS}`, /https/],
      [`https://contosologs.blob.core.windows.net/?${SAS}`, /no container/],
      ['https://contosologs.blob.core.windows.net/batch-logs?sv=2022-11-02&sp=cw', /no SAS signature/],
      [`https://contosologs.blob.core.windows.net/batch-logs?${SAS.replace('sp=cw', 'sp=rl')}`, /does not allow writing/],
      [`https://contosologs.blob.core.windows.net/batch-logs?${SAS.replace('2099', '2001')}`, /expired/],
    ];
    for (const [text, message] of cases) {
      const check = checkContainerUrl(text);
      assert.equal(check.ok, false, text);
      assert.match((check as { message: string }).message, message);
      assert.ok(!(check as { message: string }).message.includes('VGhpc0'), 'no signature in the message');
    }
  });

  it('offers the last 2 h, the last 24 h and since the node started, and sums up the result', () => {
    const now = new Date('2025-03-10T12:00:00Z');
    const choices = timeWindowChoices(now, '2025-03-09T07:30:00.0000000Z');
    assert.deepEqual(choices.map((c) => [c.id, c.startTime]), [
      ['last2h', '2025-03-10T10:00:00.000Z'],
      ['last24h', '2025-03-09T12:00:00.000Z'],
      ['sinceStart', '2025-03-09T07:30:00.000Z'],
    ]);
    assert.equal(choices[2]!.label, 'Since the node started (2025-03-09T07:30:00Z)');
    assert.equal(timeWindowChoices(now).length, 2);
    assert.equal(
      uploadSummary({ virtualDirectoryName: 'linux-small/tvm-1/9f2c', numberOfFilesUploaded: 4 }, 'https://a.blob.core.windows.net/logs?<SAS>'),
      'The service is uploading 4 log file(s) to https://a.blob.core.windows.net/logs?<SAS>, folder linux-small/tvm-1/9f2c.',
    );
    assert.match(uploadSummary({ virtualDirectoryName: 'x', numberOfFilesUploaded: 0 }, 'u'), /nothing was uploaded/);
  });
});
