/**
 * What a start task writes to startup/stdout.txt and startup/stderr.txt, by what its command line runs. The demo's
 * failures tell a story an operator can act on:
 *   apt-get  (linux-small)  the dpkg lock was held by unattended-upgrades right after boot: transient, a reboot fixes it;
 *   pip      (ml-train)     requirements.txt pins a wheel that does not exist: fails again after a reboot;
 *   cmd      (win-render)   the Blender installer failed (msiexec 1603);
 *   bash script (hpc-10k)   no InfiniBand device on the VM.
 */

export interface StartTaskOutput {
  stdout: string;
  stderr: string;
}

function commandLineOf(startTask: Record<string, unknown>): string {
  return typeof startTask['commandLine'] === 'string' ? startTask['commandLine'] : '';
}

/** Whether running this start task again succeeds (false for the pinned-wheel pip story). */
export function startTaskRerunSucceeds(startTask: Record<string, unknown>): boolean {
  return !/pip install -r \$AZ_BATCH_APP_PACKAGE_trainer/.test(commandLineOf(startTask));
}

const APT_UPDATE = [
  'Hit:1 http://azure.archive.ubuntu.com/ubuntu jammy InRelease',
  'Get:2 http://azure.archive.ubuntu.com/ubuntu jammy-updates InRelease [128 kB]',
  'Get:3 http://azure.archive.ubuntu.com/ubuntu jammy-backports InRelease [127 kB]',
  'Get:4 http://azure.archive.ubuntu.com/ubuntu jammy-security InRelease [129 kB]',
  'Get:5 http://azure.archive.ubuntu.com/ubuntu jammy-updates/main amd64 Packages [2,318 kB]',
  'Get:6 http://azure.archive.ubuntu.com/ubuntu jammy-updates/universe amd64 Packages [1,180 kB]',
  'Fetched 3,882 kB in 2s (1,941 kB/s)',
  'Reading package lists...',
];

const APT_INSTALL_OK = [
  'Reading package lists...',
  'Building dependency tree...',
  'Reading state information...',
  'The following additional packages will be installed:',
  '  binutils binutils-common binutils-x86-64-linux-gnu cpp cpp-11 dpkg-dev fakeroot g++ g++-11 gcc gcc-11',
  '  gcc-11-base libasan6 libbinutils libc-dev-bin libc6-dev libcc1-0 libdpkg-perl libgcc-11-dev libstdc++-11-dev make',
  'The following NEW packages will be installed:',
  '  binutils binutils-common binutils-x86-64-linux-gnu build-essential cpp cpp-11 dpkg-dev fakeroot g++ g++-11 gcc',
  '0 upgraded, 31 newly installed, 0 to remove and 12 not upgraded.',
  'Need to get 53.9 MB of archives.',
  'After this operation, 187 MB of additional disk space will be used.',
  'Get:1 http://azure.archive.ubuntu.com/ubuntu jammy-updates/main amd64 binutils-common amd64 2.38-4ubuntu2.6 [222 kB]',
  'Fetched 53.9 MB in 1s (48.2 MB/s)',
  'Selecting previously unselected package binutils-common:amd64.',
  'Setting up gcc-11 (11.4.0-1ubuntu1~22.04) ...',
  'Setting up g++ (4:11.2.0-1ubuntu1) ...',
  'Setting up build-essential (12.9ubuntu3) ...',
  'Processing triggers for man-db (2.10.2-1) ...',
  'Processing triggers for libc-bin (2.35-0ubuntu3.8) ...',
];

function aptOutput(failed: boolean): StartTaskOutput {
  if (!failed) { return { stdout: lines([...APT_UPDATE, ...APT_INSTALL_OK]), stderr: '' }; }
  return {
    stdout: lines([...APT_UPDATE, 'Reading package lists...', 'Building dependency tree...', 'Reading state information...']),
    stderr: lines([
      'E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 1432 (unattended-upgr)',
      'N: Be aware that removing the lock file is not a solution and may break your system.',
      'E: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), is another process using it?',
    ]),
  };
}

const NVIDIA_SMI = [
  '+-----------------------------------------------------------------------------------------+',
  '| NVIDIA-SMI 550.90.07              Driver Version: 550.90.07      CUDA Version: 12.4     |',
  '|-----------------------------------------+------------------------+----------------------+',
  '|   0  NVIDIA A100 80GB PCIe          Off |   00000001:00:00.0 Off |                    0 |',
  '| N/A   31C    P0             44W /  300W |       0MiB /  81920MiB |      0%      Default |',
  '+-----------------------------------------+------------------------+----------------------+',
];

function pipOutput(failed: boolean): StartTaskOutput {
  const collecting = [
    'Collecting numpy==1.26.4 (from -r /mnt/batch/tasks/applications/trainer2.3.0/requirements.txt (line 1))',
    '  Downloading numpy-1.26.4-cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl (18.2 MB)',
    'Collecting transformers==4.41.2 (from -r /mnt/batch/tasks/applications/trainer2.3.0/requirements.txt (line 3))',
    '  Downloading transformers-4.41.2-py3-none-any.whl (9.1 MB)',
  ];
  if (!failed) {
    return { stdout: lines([...NVIDIA_SMI, ...collecting, 'Successfully installed numpy-1.26.4 transformers-4.41.2']), stderr: '' };
  }
  return {
    stdout: lines([...NVIDIA_SMI, ...collecting]),
    stderr: lines([
      'ERROR: Could not find a version that satisfies the requirement torch==2.3.0+cu121 (from versions: 2.2.0, 2.2.1, 2.2.2, 2.3.0, 2.3.1)',
      'ERROR: No matching distribution found for torch==2.3.0+cu121',
    ]),
  };
}

function windowsInstallOutput(failed: boolean): StartTaskOutput {
  const start = ['Installing Blender 4.1 from D:\\batch\\tasks\\applications\\blender4.1', 'msiexec /i blender-4.1.1-windows-x64.msi /qn /norestart /l*v install.log'];
  if (!failed) { return { stdout: lines([...start, 'Blender 4.1.1 installed.']), stderr: '' }; }
  return {
    stdout: lines(start),
    stderr: lines([
      'msiexec returned 1603: Fatal error during installation. See D:\\batch\\tasks\\startup\\wd\\install.log.',
      'install.cmd: installation failed, exiting with 1',
    ]),
  };
}

function infinibandOutput(failed: boolean): StartTaskOutput {
  const start = ['setup-infiniband.sh: loading kernel modules mlx5_ib ib_ipoib', 'setup-infiniband.sh: waiting for ib0'];
  if (!failed) { return { stdout: lines([...start, 'ib0: state UP, rate 200 Gb/sec (4X HDR)']), stderr: '' }; }
  return {
    stdout: lines(start),
    stderr: lines(['ibstat: No such file or directory: /sys/class/infiniband', 'setup-infiniband.sh: ERROR: no InfiniBand device found after 60 s; exiting with 1']),
  };
}

/** The output of the start task's last run on a node; `failed` when it exited with a non-zero code. */
export function startTaskOutput(startTask: Record<string, unknown>, failed: boolean): StartTaskOutput {
  const command = commandLineOf(startTask);
  if (command.includes('apt-get')) { return aptOutput(failed); }
  if (command.includes('pip install')) { return pipOutput(failed); }
  if (command.includes('install.cmd')) { return windowsInstallOutput(failed); }
  if (command.includes('setup-infiniband')) { return infinibandOutput(failed); }
  return failed
    ? { stdout: '', stderr: lines([`${command}: exited with code 1`]) }
    : { stdout: lines([`${command}: done`]), stderr: '' };
}

function lines(list: string[]): string {
  return list.map((l) => `${l}\n`).join('');
}
