/**
 * The home journey on WeChat DevTools through miniprogram-automator. DevTools exists for Windows and
 * macOS only: this spec runs where WECHAT_DEVTOOLS_CLI points at its CLI, and says why it was skipped
 * everywhere else (CI here). Install `miniprogram-automator` on that machine.
 */
const cli = process.env.WECHAT_DEVTOOLS_CLI;
const describeIfDevTools = cli ? describe : describe.skip;

if (!cli) {
  console.log(
    'miniprogram-automator spec skipped: WECHAT_DEVTOOLS_CLI is not set (WeChat DevTools runs on Windows and macOS only).',
  );
}

describeIfDevTools('weapp on WeChat DevTools (miniprogram-automator)', () => {
  it('shows the six services and three channels on the home page', async () => {
    // Loaded at run time only where DevTools exists; not a dependency of this workspace.
    const automator = (await import(/* webpackIgnore: true */ 'miniprogram-automator' as string)) as {
      launch(o: { cliPath: string; projectPath: string }): Promise<{
        reLaunch(url: string): Promise<{ $$(sel: string): Promise<Array<{ text(): Promise<string> }>> }>;
        close(): Promise<void>;
      }>;
    };
    const mini = await automator.launch({ cliPath: cli!, projectPath: `${__dirname}/../..` });
    try {
      const page = await mini.reLaunch('/pages/index/index');
      const tiles = await Promise.all((await page.$$('.home__tile-title')).map((t) => t.text()));
      expect(tiles).toEqual(['惠企服务', '管家团队', '涉企政策', '企业商圈', '潭商讲堂', '营商动态']);
      const channels = await Promise.all((await page.$$('.home__channel-title')).map((t) => t.text()));
      expect(channels).toEqual(['咨询', '评价', '投诉']);
    } finally {
      await mini.close();
    }
  }, 120_000);
});
