/** Node files as documents: names, language ids, the 1 MiB tail with its header line, and reading from the emulator. */
import * as assert from 'node:assert/strict';
import type { BatchAccountClient } from '../../../src/azure/batch/batchAccountClient';
import type { NodeFileContent, NodeFileProperties } from '../../../src/azure/batch/nodeOperationModels';
import { NodeFileIsDirectoryError, readNodeFileDocument, type NodeFileSource } from '../../../src/nodeActions/nodeFileReader';
import {
  decodeTail,
  formatFileSize,
  languageIdForFile,
  looksBinary,
  nodeFileBaseName,
  nodeFileParent,
  nodePathParts,
  START_TASK_STDERR,
  tailRange,
  truncationHeader,
} from '../../../src/nodeActions/nodeFileText';
import { startEmulatorFixture, type EmulatorFixture } from '../azure/helpers/emulatorFixture';

const MIB = 1024 * 1024;

describe('node actions: node file text', () => {
  it('splits names with / or \\ and finds the language from the name', () => {
    assert.deepEqual(nodePathParts('\\startup\\wd\\x.log'), ['startup', 'wd', 'x.log']);
    assert.equal(nodeFileBaseName('workitems/j/job-1/t/stdout.txt'), 'stdout.txt');
    assert.equal(nodeFileParent('workitems/j/job-1/t/stdout.txt'), 'workitems/j/job-1/t');
    assert.equal(nodeFileParent('startup'), '');
    const languages = Object.fromEntries(['stdout.txt', 'agent.LOG', 'settings.json', 'setup.sh', 'install.cmd', 'run.ps1', 'train.py', 'Dockerfile', 'noextension', '.hidden'].map((n) => [n, languageIdForFile(`startup/${n}`)]));
    assert.deepEqual(languages, {
      'stdout.txt': 'plaintext', 'agent.LOG': 'log', 'settings.json': 'json', 'setup.sh': 'shellscript', 'install.cmd': 'bat',
      'run.ps1': 'powershell', 'train.py': 'python', Dockerfile: 'dockerfile', noextension: 'plaintext', '.hidden': 'plaintext',
    });
  });

  it('reads the last 1 MiB of larger files and says so in the first line', () => {
    assert.equal(tailRange(MIB), undefined);
    assert.deepEqual(tailRange(MIB + 10), { start: 10, end: MIB + 9 });
    assert.throws(() => tailRange(-1), RangeError);
    assert.equal(truncationHeader(1_742_113), "[Showing the last 1 MiB of 1.7 MB — run 'Load Whole File' to read all of it.]");
    assert.deepEqual([950, 12_345, 1_742_113, 2_100_000_000].map(formatFileSize), ['950 B', '12.3 KB', '1.7 MB', '2.1 GB']);
  });

  it('decodes a tail that starts inside a character and inside a line', () => {
    const text = Buffer.from('first line ünïcode\nsecond line\nthird', 'utf8');
    const cut = text.subarray(text.indexOf(0xbc)); // inside "ü"
    assert.equal(decodeTail(cut), 'second line\nthird');
    assert.equal(decodeTail(Buffer.from('no newline at all')), 'no newline at all');
    assert.equal(looksBinary(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01])), true);
    assert.equal(looksBinary(Buffer.from('text')), false);
  });

  it('shows binary files as one line and refuses folders', async () => {
    const props: NodeFileProperties = { isDirectory: false, contentLength: 6 };
    const source: NodeFileSource = {
      getNodeFileProperties: async (_p, _n, path) => (path === 'startup' ? { isDirectory: true, contentLength: 0 } : props),
      getNodeFile: async (): Promise<NodeFileContent> => ({ bytes: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]), properties: props }),
    };
    const doc = await readNodeFileDocument(source, 'p', 'n', 'bin/solver');
    assert.equal(doc.binary, true);
    assert.match(doc.text, /bin\/solver is a binary file \(6 bytes\)/);
    await assert.rejects(readNodeFileDocument(source, 'p', 'n', 'startup'), NodeFileIsDirectoryError);
  });
});

describe('node actions: reading node files from the emulator', function () {
  this.timeout(30_000);
  let f: EmulatorFixture;
  let prod: BatchAccountClient;
  before(async () => {
    f = await startEmulatorFixture({ data: 'small' });
    prod = f.clients.batchAccount({ url: f.emulator.info.batchAccounts.find((a) => a.name === 'contosoprod')!.url });
  });
  after(async () => {
    await f.stop();
  });
  const node = (state: string) => f.emulator.state.accounts.get('contosoprod')!.pools.get('linux-small')!.nodes.find((n) => n.state === state)!;

  it('opens a small file whole, with its properties', async () => {
    const doc = await readNodeFileDocument(prod.nodeFiles, 'linux-small', node('starttaskfailed').id, START_TASK_STDERR);
    assert.equal(doc.truncated, false);
    assert.match(doc.text, /^E: Could not get lock/);
    assert.equal(doc.totalBytes, Buffer.byteLength(doc.text));
    assert.equal(f.emulator.requests({ path: /stderr\.txt$/ }).filter((r) => r.headers['ocp-range']).length, 0);
  });

  it('opens the last 1 MiB of the large build log with the header line, and all of it on Load Whole File', async () => {
    const running = node('running');
    const files = await prod.nodeFiles.listNodeFiles('linux-small', running.id, { recursive: true });
    const log = files.find((e) => e.name!.startsWith('workitems/') && e.name!.endsWith('stdout.txt'))!.name!;
    const tail = await readNodeFileDocument(prod.nodeFiles, 'linux-small', running.id, log);
    assert.equal(tail.truncated, true);
    assert.equal(tail.readBytes, MIB);
    const [header, firstLine] = tail.text.split('\n');
    assert.equal(header, truncationHeader(tail.totalBytes));
    assert.match(firstLine!, /^\[\s*\d+\.\d+s\] \[\d+\/17500\] Building CXX object/, 'starts at a whole line');
    const ranged = f.emulator.requests({ path: /stdout\.txt$/ }).find((r) => r.method === 'GET')!;
    assert.equal(ranged.headers['ocp-range'], `bytes=${tail.totalBytes - MIB}-${tail.totalBytes - 1}`);
    const whole = await readNodeFileDocument(prod.nodeFiles, 'linux-small', running.id, log, { whole: true });
    assert.equal(whole.truncated, false);
    assert.equal(whole.readBytes, tail.totalBytes);
    assert.ok(whole.text.endsWith(tail.text.slice(header!.length + 1)), 'the tail is the end of the whole file');
  });
});
