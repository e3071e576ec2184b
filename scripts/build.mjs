#!/usr/bin/env node
/**
 * Fast build of shared/ and server/ to CommonJS with swc (≈1 s instead of tsc's ≈20 s), the same
 * transform the tests use. Type checking is `pnpm typecheck` (tsc --noEmit), run in CI.
 */
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
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

async function build(pkg) {
  const src = join(pkg, 'src');
  const out = join(pkg, 'dist');
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
