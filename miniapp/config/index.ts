import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

/**
 * One code base, two outputs: dist/weapp (WeChat) and dist/h5 (served by the API server at `/`).
 * TARO_APP_API_BASE: the API origin (https://… in production). H5 defaults to the page's own origin;
 * the weapp build defaults to a local server for WeChat DevTools.
 */
export default defineConfig<'webpack5'>(() => {
  const apiBase = process.env.TARO_APP_API_BASE ?? (process.env.TARO_ENV === 'weapp' ? 'http://127.0.0.1:3000' : '');
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'qinshang-guanjia',
    date: '2026-11-26',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {
      API_BASE: JSON.stringify(apiBase),
    },
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
      // The contract is compiled from source (pure TS: errors, rules, enums; DTO classes are imported as types only).
      '@qsgj/shared': path.resolve(__dirname, '..', '..', 'shared', 'src'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    // Webpack's persistent cache for development only: a cached production build of the weapp shipped a stale copy of
    // a module in a subpackage's `sub-common` chunk (a function added to services/files.api.ts was missing from the
    // workbench's copy, and an export renamed by mangling did not match its importer). Release builds start clean.
    cache: { enable: process.env.NODE_ENV !== 'production' },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      compile: { include: [path.resolve(__dirname, '..', '..', 'shared')] },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      compile: { include: [path.resolve(__dirname, '..', '..', 'shared')] },
    },
  };
  return config;
});
