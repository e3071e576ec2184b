import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const WEAPP_DIR = join(__dirname, '..', '..', 'dist', 'weapp');

export interface AppJson {
  pages: string[];
  subPackages?: Array<{ root: string; pages: string[] }>;
  tabBar?: { list: Array<{ pagePath: string; text: string; iconPath?: string; selectedIconPath?: string }> };
}

export function appJson(): AppJson {
  return JSON.parse(readFileSync(join(WEAPP_DIR, 'app.json'), 'utf8')) as AppJson;
}

export function files(dir = WEAPP_DIR): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** Bytes per package as WeChat counts them: each subpackage root, and everything else in the main package. */
export function packageSizes(): { main: number; subpackages: Record<string, number>; total: number } {
  const roots = (appJson().subPackages ?? []).map((p) => p.root.replace(/\/$/, ''));
  const subpackages: Record<string, number> = Object.fromEntries(roots.map((r) => [r, 0]));
  let main = 0;
  for (const file of files()) {
    if (file.endsWith('.LICENSE.txt') || file.endsWith('.map')) continue;
    const rel = relative(WEAPP_DIR, file);
    const size = statSync(file).size;
    const root = roots.find((r) => rel.startsWith(`${r}/`));
    if (root) subpackages[root] += size;
    else main += size;
  }
  return { main, subpackages, total: main + Object.values(subpackages).reduce((a, b) => a + b, 0) };
}
