import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The weapp checks read the real build: build it once if it is missing (CI builds it before the tests). */
export default async function globalSetup(): Promise<void> {
  const root = join(__dirname, '..', '..');
  if (existsSync(join(root, 'dist', 'weapp', 'app.json'))) return;
  console.log('\nBuilding the weapp output for the bundle checks (once)…');
  execFileSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['taro', 'build', '--type', 'weapp'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
