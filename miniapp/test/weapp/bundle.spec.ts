import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import appConfig from '../../src/app.config';
import { appJson, files, packageSizes, WEAPP_DIR } from './bundle';

const KB = 1024;

describe('the weapp build', () => {
  it('has app.json pages, subpackages and tab bar exactly as configured', () => {
    const app = appJson();
    expect(app.pages).toEqual(appConfig.pages);
    expect(app.subPackages).toEqual(appConfig.subPackages);
    expect(app.tabBar?.list.map((t) => t.text)).toEqual(['首页', '政策', '消息', '我的']);
    expect(app.tabBar?.list.map((t) => t.pagePath)).toEqual(app.pages);
  });

  it('ships every page it lists (js, wxml, json) and every tab icon', () => {
    const app = appJson();
    const pages = [...app.pages, ...(app.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))];
    for (const page of pages) {
      for (const ext of ['js', 'wxml', 'json']) expect(existsSync(join(WEAPP_DIR, `${page}.${ext}`))).toBe(true);
    }
    for (const item of app.tabBar?.list ?? []) {
      expect(existsSync(join(WEAPP_DIR, item.iconPath!))).toBe(true);
      expect(existsSync(join(WEAPP_DIR, item.selectedIconPath!))).toBe(true);
    }
  });

  it('keeps staff pages out of the main package', () => {
    const main = files().filter((f) => !f.includes(`${WEAPP_DIR}/packages/`));
    for (const file of main.filter((f) => f.endsWith('.js'))) {
      expect(readFileSync(file, 'utf8')).not.toContain('管家工作台');
    }
  });

  it('stays within the package budgets: main ≤ 800 KB, each subpackage ≤ 1.2 MB', () => {
    const sizes = packageSizes();
    expect(sizes.main).toBeLessThanOrEqual(800 * KB);
    for (const [root, size] of Object.entries(sizes.subpackages)) {
      expect({ root, size: size <= 1.2 * 1024 * KB }).toEqual({ root, size: true });
    }
  });

  it('contains no class-validator, typeorm, server secret or WeChat API host', () => {
    const forbidden = [
      'class-validator',
      'typeorm',
      'api.weixin.qq.com',
      'WECHAT_SECRET',
      'JWT_SECRET',
      'fake-wechat-secret',
      'appsecret',
      'Qsgj#2026',
      'registerDecorator',
    ];
    for (const file of files().filter((f) => /\.(js|json|wxml|wxss)$/.test(f))) {
      const text = readFileSync(file, 'utf8');
      for (const word of forbidden) {
        if (text.includes(word)) throw new Error(`${word} found in ${file}`);
      }
    }
  });
});
