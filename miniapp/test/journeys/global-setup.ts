import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import serverGlobalSetup from '../../../server/test/global-setup';

/**
 * Journeys run against the H5 build and a real server. Build the H5 app once if it is missing
 * (CI builds it before the tests), and prepare the database template the server tests use.
 */
export default async function globalSetup(): Promise<void> {
  const root = join(__dirname, '..', '..');
  if (!existsSync(join(root, 'dist', 'h5', 'index.html'))) {
    console.log('\nBuilding the H5 app for the journeys (once)…');
    execFileSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['taro', 'build', '--type', 'h5'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
  }
  await serverGlobalSetup();
}
