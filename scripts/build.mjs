#!/usr/bin/env node
/**
 * Fast build of shared/ and server/ to CommonJS with swc (≈1 s instead of tsc's ≈20 s), the same
 * transform the tests use (ADR 001). Type checking is `pnpm typecheck` (tsc --noEmit), run in CI.
 * `pnpm build` and `pnpm --filter @qsgj/server build` both run it (from any folder: paths are the repo's).
 */
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformFile } from '@swc/core';

const options = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs', ignoreDynamic: true },
  sourceMaps: true,
};

function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.(spec|e2e-spec)\.ts$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

async function build(pkg) {
  const src = join(root, pkg, 'src');
  const out = join(root, pkg, 'dist');
  rmSync(out, { recursive: true, force: true });
  const files = sources(src);
  await Promise.all(
    files.map(async (file) => {
      const target = join(out, relative(src, file)).replace(/\.tsx?$/, '.js');
      const { code, map } = await transformFile(file, { ...options, sourceFileName: relative(dirname(target), file) });
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, `${code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
      if (map) writeFileSync(`${target}.map`, map);
    }),
  );
  return files.length;
}

const started = performance.now();
const counts = [];
for (const pkg of ['shared', 'server']) counts.push(`${pkg} ${await build(pkg)} files`);
console.log(`built ${counts.join(', ')} in ${((performance.now() - started) / 1000).toFixed(1)}s`);
