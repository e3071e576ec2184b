import path from 'node:path';
import type { Config } from 'jest';

/**
 * One Jest for the whole workspace: each package is a project.
 * Server suites use embedded PGlite unless DATABASE_URL is set.
 */
const swc: [string, Record<string, unknown>] = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

// ESM-only packages that swc must turn into CommonJS for Jest.
const esmPackages = [
  '@nestjs',
  'content-disposition',
  'file-type',
  'load-esm',
  'uid',
  'strtok3',
  'token-types',
  '@tokenizer',
  'peek-readable',
  '@borewit',
  'uint8array-extras',
  // sanitize-html's parser (policies' rich text).
  'htmlparser2',
  'domhandler',
  'domutils',
  'domelementtype',
  'dom-serializer',
  'entities',
];

/** Projects that load the server's code (NestJS, TypeORM) and start it: swc, ESM packages compiled, shared from source. */
const runsServer = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj|cj)sx?$': swc },
  transformIgnorePatterns: [`node_modules/(?!(\\.pnpm/)?(${esmPackages.join('|')}))`],
  moduleNameMapper: {
    '^@qsgj/shared/(.*)$': '<rootDir>/../shared/src/$1',
    '^@qsgj/shared$': '<rootDir>/../shared/src',
  },
};

const config: Config = {
  // The CI machine is shared and noisy (2 cores): a step that takes 150 ms alone took over 5 s under load. A test
  // that really hangs still fails, after 30 s; nothing here measures time (benchmarks do, under bench/).
  testTimeout: 30_000,
  // Workers keep every suite's modules: with issue 11 and 12's suites one grew past Node's 4 GB heap in CI. A worker
  // above this after a file is replaced by a fresh one.
  workerIdleMemoryLimit: '1200MB',
  projects: [
    {
      displayName: 'shared',
      rootDir: '<rootDir>/shared',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
      transform: { '^.+\\.(t|j)sx?$': swc },
    },
    {
      ...runsServer,
      displayName: 'server',
      rootDir: '<rootDir>/server',
      testMatch: [
        '<rootDir>/src/**/*.spec.ts',
        '<rootDir>/test/**/*.e2e-spec.ts',
        '<rootDir>/test/**/*.medium-spec.ts',
      ],
      globalSetup: '<rootDir>/test/global-setup.ts',
      setupFiles: ['<rootDir>/test/setup-env.ts'],
    },
    {
      displayName: 'miniapp',
      rootDir: '<rootDir>/miniapp',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/unit/**/*.spec.{ts,tsx}'],
      transform: {
        '^.+\\.[jt]sx?$': ['babel-jest', { configFile: path.join(__dirname, 'miniapp', 'babel.config.js') }],
      },
      moduleNameMapper: {
        '^@tarojs/components$': '<rootDir>/test/shims/components.tsx',
        '^@tarojs/taro$': '<rootDir>/test/shims/taro.ts',
        '\\.(s?css)$': '<rootDir>/test/shims/style.ts',
        '^@qsgj/shared/(.*)$': '<rootDir>/../shared/src/$1',
        '^@/(.*)$': '<rootDir>/src/$1',
      },
      setupFiles: ['<rootDir>/test/setup.ts'],
    },
    {
      ...runsServer,
      displayName: 'journeys',
      rootDir: '<rootDir>/miniapp',
      testMatch: ['<rootDir>/test/journeys/**/*.journey.ts'],
      globalSetup: '<rootDir>/test/journeys/global-setup.ts',
      setupFiles: ['<rootDir>/../server/test/setup-env.ts'],
      slowTestThreshold: 30,
    },
    {
      // The real weapp build in a Node vm with WeChat faked (test/weapp-runtime), against a real server.
      ...runsServer,
      displayName: 'weapp-journeys',
      rootDir: '<rootDir>/miniapp',
      testMatch: ['<rootDir>/test/weapp-journeys/**/*.weapp.ts', '<rootDir>/test/weapp-runtime/**/*.spec.ts'],
      globalSetup: '<rootDir>/test/weapp-journeys/global-setup.ts',
      setupFiles: ['<rootDir>/../server/test/setup-env.ts'],
      slowTestThreshold: 30,
    },
    {
      displayName: 'weapp',
      rootDir: '<rootDir>/miniapp',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/weapp/**/*.spec.ts'],
      transform: { '^.+\\.(t|j)sx?$': swc },
      globalSetup: '<rootDir>/test/weapp/global-setup.ts',
      setupFiles: ['<rootDir>/test/weapp/setup.ts'],
    },
  ],
};

export default config;
