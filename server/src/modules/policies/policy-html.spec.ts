import { sanitizePolicyHtml } from './policy-html';

describe('sanitizePolicyHtml', () => {
  it('keeps the rendered subset', () => {
    const html =
      '<h2>一、支持对象</h2><p>对<strong>高新技术企业</strong>给予<em>奖补</em><u>资金</u>。<br></p>' +
      '<ul><li>一</li></ul><ol><li>二</li></ol><blockquote>引</blockquote>' +
      '<table><thead><tr><th colspan="2">项目</th></tr></thead><tbody><tr><td>金额</td><td>50万元</td></tr></tbody></table>' +
      '<p><a href="https://www.xiangtan.gov.cn/x">原文</a> <span>注</span></p><h3>三</h3><h4>四</h4>';
    expect(sanitizePolicyHtml(html)).toBe(html.replace('<br>', '<br />'));
  });

  it('drops scripts, styles and their content', () => {
    expect(sanitizePolicyHtml('<p>a</p><script>alert(1)</script><style>p{}</style>')).toBe('<p>a</p>');
    expect(sanitizePolicyHtml('<SCRIPT src="https://x/y.js"></SCRIPT>b')).toBe('b');
  });

  it('drops event handlers, style and class attributes', () => {
    expect(sanitizePolicyHtml('<p onclick="x()" style="color:red" class="c" id="i">a</p>')).toBe('<p>a</p>');
    expect(sanitizePolicyHtml('<img src="https://img.example.com/a.png" onerror="alert(1)">')).toBe(
      '<img src="https://img.example.com/a.png" />',
    );
    expect(sanitizePolicyHtml('<span onmouseover=alert(1)>x</span>')).toBe('<span>x</span>');
  });

  it('keeps only http(s) links and https images', () => {
    expect(sanitizePolicyHtml('<a href="javascript:alert(1)">x</a>')).toBe('<a>x</a>');
    expect(sanitizePolicyHtml('<a href="JaVaScRiPt:alert(1)">x</a>')).toBe('<a>x</a>');
    expect(sanitizePolicyHtml('<a href="data:text/html,<script>alert(1)</script>">x</a>')).toBe('<a>x</a>');
    expect(sanitizePolicyHtml('<a href="http://gov.cn/a" target="_blank">x</a>')).toBe(
      '<a href="http://gov.cn/a">x</a>',
    );
    expect(sanitizePolicyHtml('<img src="http://img.example.com/a.png">')).toBe('');
    expect(sanitizePolicyHtml('<img src="javascript:alert(1)">')).toBe('');
    expect(sanitizePolicyHtml('<img src="//evil.example.com/a.png">')).toBe('');
    expect(sanitizePolicyHtml('<img src="x" onerror="alert(1)">')).toBe('');
    expect(sanitizePolicyHtml('<a href="/relative">x</a><a href=" javascript:alert(1)">y</a>')).toBe(
      '<a>x</a><a>y</a>',
    );
  });

  it('unwraps unknown tags but keeps their text; drops frames whole', () => {
    expect(sanitizePolicyHtml('<div><font>文字</font></div>')).toBe('文字');
    expect(sanitizePolicyHtml('<iframe src="https://x">t</iframe>a')).toBe('a');
    expect(sanitizePolicyHtml('<h1>标题</h1><b>粗</b><i>斜</i>')).toBe('<h2>标题</h2><strong>粗</strong><em>斜</em>');
  });

  it('escapes plain text', () => {
    expect(sanitizePolicyHtml('1 < 2 & 3 > 2')).toBe('1 &lt; 2 &amp; 3 &gt; 2');
  });
});
