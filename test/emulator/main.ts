/**
 * CLI: node out/test/emulator/main.js --port N --data demo|small|large [--specs DIR | --no-specs] [--lro-delay-ms N]
 *        [--node-transition-ms N] [--latency-ms N] [--arm-page-size N] [--cert-dir DIR] [--info-file PATH]
 * Prints the start-up lines (ARM endpoint first, then one line per Batch account, ...) on stdout, logs on stderr,
 * writes the EmulatorInfo JSON to --info-file, and stops cleanly on SIGINT / SIGTERM.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EmulatorOptions } from './api';
import { startEmulator, startupLines } from './server';

const USAGE =
  'usage: main.js [--port N] [--data demo|small|large] [--specs DIR | --no-specs] [--lro-delay-ms N] [--node-transition-ms N] [--latency-ms N] [--arm-page-size N] [--cert-dir DIR] [--info-file PATH]';

interface CliOptions extends EmulatorOptions {
  infoFile?: string;
}

function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = { quiet: true };
  const number = (name: string, value: string | undefined): number => {
    const n = Number(value);
    if (value === undefined || !Number.isInteger(n) || n < 0) { throw new Error(`${name} needs a non-negative integer`); }
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--port':
        options.port = number(flag, value());
        break;
      case '--data': {
        const data = value();
        if (data !== 'demo' && data !== 'small' && data !== 'large') { throw new Error('--data must be demo, small or large'); }
        options.data = data;
        break;
      }
      case '--specs':
        options.specsDir = value() ?? '';
        break;
      case '--no-specs':
        options.specsDir = null;
        break;
      case '--lro-delay-ms':
        options.lroDelayMs = number(flag, value());
        break;
      case '--node-transition-ms':
        options.nodeTransitionMs = number(flag, value());
        break;
      case '--latency-ms':
        options.latencyMs = number(flag, value());
        break;
      case '--arm-page-size':
        options.armPageSize = Math.max(1, number(flag, value()));
        break;
      case '--cert-dir':
        options.certDir = value();
        break;
      case '--info-file':
        options.infoFile = value();
        break;
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument '${arg}'`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  let options: CliOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  const emulator = await startEmulator({ ...options, log: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(`${startupLines(emulator.info).join('\n')}\n`);
  if (options.infoFile) {
    mkdirSync(dirname(options.infoFile), { recursive: true });
    const tmp = `${options.infoFile}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(emulator.info, null, 2)}\n`);
    renameSync(tmp, options.infoFile);
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) { return; }
    stopping = true;
    process.stderr.write(`emulator: ${signal}, stopping\n`);
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  process.stderr.write(`emulator failed to start: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
