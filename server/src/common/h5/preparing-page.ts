/**
 * The page at `/` while the H5 app has no index.html: small, in Chinese, and honest about why. It
 * reloads itself (a meta refresh: the CSP allows no inline script), so it becomes the app as soon as
 * the build has written index.html.
 */
export type H5BuildState =
  | { state: 'building'; startedAt: number; rebuild: boolean }
  | { state: 'failed'; finishedAt: number; logFile: string; logTail?: string }
  | { state: 'absent' };

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

function page(title: string, refreshSeconds: number, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="refresh" content="${refreshSeconds}">
<title>${title} · 亲商管家</title>
<style>
body{margin:0;font:16px/1.7 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#222;background:#f5f6f7}
main{max-width:36rem;margin:12vh auto;padding:0 1.25rem}
h1{font-size:1.4rem;margin:0 0 .75rem}
a{color:#1a7f37}
.muted{color:#666;font-size:.875rem}
.log{display:flex;flex-direction:column-reverse;overflow:auto;max-height:50vh;background:#fff;border:1px solid #ddd}
pre{margin:0;padding:.75rem;font-size:.75rem;line-height:1.5}
</style></head>
<body><main>
${body}
</main></body></html>
`;
}

const apiDocs = '<a href="/api/docs">接口文档 /api/docs</a>';

/** The HTML and status code for `/` while index.html is missing. */
export function preparingPage(build: H5BuildState, now = Date.now()): { status: number; html: string } {
  if (build.state === 'building') {
    const seconds = Math.max(0, Math.round((now - build.startedAt) / 1000));
    return {
      status: 200,
      html: page(
        '正在准备应用…',
        5,
        `<h1>正在准备应用…</h1>
<p>${build.rebuild ? '源代码有了更新，正在重新构建小程序的 H5 版本' : '首次启动要先构建小程序的 H5 版本'}，大约需要一分钟（已用 ${seconds} 秒）。构建完成后，本页会自动变成应用。</p>
<p>接口已经可以使用，等待时可以先看${apiDocs}。</p>
<p class="muted">本页每 5 秒自动刷新。</p>`,
      ),
    };
  }
  if (build.state === 'failed') {
    const tail = build.logTail
      ? `<div class="log"><pre>${escapeHtml(build.logTail)}</pre></div>\n<p class="muted">完整日志：${escapeHtml(build.logFile)}</p>`
      : '<p class="muted">构建输出见服务器日志。</p>';
    return {
      status: 503,
      html: page(
        '应用构建失败',
        10,
        `<h1>应用构建失败</h1>
<p>H5 版本没有构建成功；接口仍在正常运行（${apiDocs}）。</p>
<p>修正后运行 <code>pnpm build:h5</code>，构建完成后本页会自动变成应用（每 10 秒刷新）。</p>
${tail}`,
      ),
    };
  }
  return {
    status: 503,
    html: page(
      '应用尚未构建',
      10,
      `<h1>应用尚未构建</h1>
<p>这里没有 H5 版本，也没有正在进行的构建。运行 <code>pnpm build:h5</code>（<code>pnpm start</code> 会自动构建），完成后本页会自动变成应用。</p>
<p>接口正在运行：${apiDocs}。</p>`,
    ),
  };
}
