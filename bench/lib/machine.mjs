// The machine the figures were taken on (the table's last row).
import os from 'node:os';
import { chromiumLaunchOptions } from '../../test/e2e/chromium.mjs';
import { run } from './context.mjs';

export function describeMachine() {
  const chromiumVersion = (() => {
    try {
      return run(chromiumLaunchOptions.executablePath, ['--version']).trim();
    } catch {
      return 'unknown';
    }
  })();
  const machine = {
    cpus: os.cpus().length,
    nproc: (() => {
      try {
        return Number(run('nproc', []).trim());
      } catch {
        return os.cpus().length;
      }
    })(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
    node: process.version,
    chromium: chromiumVersion,
    os: `${os.type()} ${os.release()}`,
    date: new Date().toISOString(),
  };
  return machine;
}
