// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** shared/ imports no other package of ours and no framework. */
const sharedIsPure = [
  {
    group: ['@nestjs/*', 'typeorm', '@tarojs/*', 'react', '@qsgj/server*', '@qsgj/miniapp*'],
    message: 'shared/ is pure: no framework and no other package of ours.',
  },
  { group: ['**/server/**', '**/miniapp/**'], message: 'shared/ may not reach into server/ or miniapp/.' },
];
const notInMiniProgram = 'shared/ ships to the mini-program, where Node does not exist.';

/**
 * Lint for the whole workspace. The import boundaries of the handbook are enforced here:
 *  - shared/ imports no other package of ours and no framework (it is the contract, pure), and outside
 *    its tests nothing of Node (node:*, built-in modules, Buffer, process, require …): it ships to the mini-program;
 *  - miniapp/ never imports the server, and imports DTO classes from shared only as types;
 *  - controllers never import repositories or TypeORM (they call one service method).
 */
export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.data/**',
      'coverage/**',
      'artifacts/**',
      '**/*.js',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      'no-console': 'off',
      // Nest's dependency injection reads constructor parameter types at run time: never force `import type` on the server.
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: sharedIsPure }] },
  },
  {
    // What ships (its *.spec.ts files run in Node under Jest and may use it).
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: builtinModules.map((name) => ({ name, message: notInMiniProgram })),
          patterns: [...sharedIsPure, { group: ['node:*'], message: notInMiniProgram }],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['Buffer', 'process', 'require', '__dirname', '__filename', 'global', 'module', 'exports'].map((name) => ({
          name,
          message: notInMiniProgram,
        })),
      ],
    },
  },
  {
    // The bundle. (Tests under miniapp/test may start a real server: they are not shipped.)
    files: ['miniapp/src/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@qsgj/shared/contracts',
              allowTypeImports: true,
              message: 'Import DTO classes with `import type` so class-validator never reaches the bundle.',
            },
            {
              name: '@qsgj/shared',
              allowTypeImports: true,
              message: 'Import from a subpath; DTO classes as `import type`.',
            },
          ],
          patterns: [
            { group: ['@qsgj/server*', '**/server/**'], message: 'The mini-program never imports the server.' },
            {
              group: ['class-validator', 'class-transformer', 'typeorm'],
              message: 'No decorator or ORM code in the mini-program bundle.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/**/*.controller.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/*.repository', 'typeorm', '@nestjs/typeorm'],
              message: 'Controllers call services; only services use repositories.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
