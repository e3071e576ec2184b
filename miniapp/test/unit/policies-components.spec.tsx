import { fireEvent, render, screen } from '@testing-library/react';
import type { PolicyListItem } from '@qsgj/shared/contracts';
import { PAGES } from '@qsgj/shared/pages';
import Taro from '@tarojs/taro';
import { __reset, calls } from '../shims/taro';
import PolicyCard from '../../src/components/policy-card';
import { validityText } from '../../src/components/policy-card/validity';
import PolicyHighlight from '../../src/components/policy-highlight';
import PolicyMatchChips from '../../src/components/policy-match';
import { splitHtml } from '../../src/utils/rich-html';
import { eligibilityRows } from '../../src/packages/policies/pages/detail/words';
import { clearHistory, HISTORY_MAX, loadHistory, rememberQuery } from '../../src/pages/policies/history';

function policyItem(over: Partial<PolicyListItem> = {}): PolicyListItem {
  return {
    id: 'p1',
    title: '关于进一步加大增值税期末留抵退税政策实施力度的通知',
    docNumber: '潭税发〔2026〕3号',
    issuer: '国家税务总局湘潭市税务局',
    level: 'city',
    categories: ['财税金融'],
    summary: '符合条件的小微企业可按月申请退还增量留抵税额。',
    validFrom: '2026-01-01',
    validTo: '2027-12-31',
    publishedAt: '2026-01-02T02:00:00.000Z',
    status: 'published',
    ...over,
  };
}

beforeEach(() => __reset());

describe('PolicyHighlight', () => {
  it('renders each hit as its own marked span and the rest as plain spans, in order', () => {
    const { container } = render(
      <PolicyHighlight
        fallback="unused"
        segments={[
          { text: '关于', hit: false },
          { text: '留抵退税', hit: true },
          { text: '的通知', hit: false },
        ]}
      />,
    );
    const root = container.querySelector('.policy-hl')!;
    expect(root.textContent).toBe('关于留抵退税的通知');
    expect(Array.from(root.querySelectorAll('.policy-hl__hit')).map((n) => n.textContent)).toEqual(['留抵退税']);
    expect(root.children).toHaveLength(3);
  });

  it('shows markup in a segment as text, never as HTML', () => {
    const { container } = render(
      <PolicyHighlight fallback="" segments={[{ text: '<b onclick="x()">粗</b>', hit: true }]} />,
    );
    expect(container.querySelector('b')).toBeNull();
    expect(container.textContent).toBe('<b onclick="x()">粗</b>');
  });

  it('falls back to the plain text without segments', () => {
    const { container } = render(<PolicyHighlight fallback="普通标题" segments={[]} />);
    expect(container.textContent).toBe('普通标题');
    expect(container.querySelector('.policy-hl__hit')).toBeNull();
  });
});

describe('PolicyMatchChips', () => {
  it('says 符合 for each met condition and 尚缺 for each missing one', () => {
    const { container } = render(<PolicyMatchChips match={{ met: ['制造业', '岳塘区'], missing: ['高新技术企业'] }} />);
    const met = Array.from(container.querySelectorAll('.policy-match__chip--met')).map((n) => n.textContent);
    const missing = Array.from(container.querySelectorAll('.policy-match__chip--missing')).map((n) => n.textContent);
    expect(met).toEqual(['符合：制造业', '符合：岳塘区']);
    expect(missing).toEqual(['尚缺：高新技术企业']);
  });

  it('renders nothing when there is nothing to say', () => {
    const { container } = render(<PolicyMatchChips match={{ met: [], missing: [] }} />);
    expect(container.innerHTML).toBe('');
  });
});

describe('PolicyCard', () => {
  it('shows title, level, categories, issuer, validity and summary, and opens the detail', () => {
    const { container } = render(<PolicyCard policy={policyItem({ categories: ['财税金融', '减税降费'] })} />);
    expect(container.querySelector('.policy-card__level')!.textContent).toBe('市级');
    expect(Array.from(container.querySelectorAll('.policy-card__category')).map((n) => n.textContent)).toEqual([
      '财税金融',
      '减税降费',
    ]);
    expect(screen.getByText('国家税务总局湘潭市税务局')).toBeTruthy();
    expect(screen.getByText('有效期：2026-01-01 至 2027-12-31')).toBeTruthy();
    expect(screen.getByText('符合条件的小微企业可按月申请退还增量留抵税额。')).toBeTruthy();
    expect(container.querySelector('.policy-card__expired')).toBeNull();
    fireEvent.click(container.querySelector('.policy-card')!);
    expect(calls.navigate).toEqual([`${PAGES.policyDetail}?id=p1`]);
  });

  it('uses the highlighted title and snippet when the search sent them', () => {
    const { container } = render(
      <PolicyCard
        policy={policyItem({
          highlight: {
            title: [
              { text: '增值税期末', hit: false },
              { text: '留抵退税', hit: true },
            ],
            snippet: [
              { text: '正文中的', hit: false },
              { text: '留抵退税', hit: true },
              { text: '办理流程', hit: false },
            ],
          },
        })}
      />,
    );
    expect(container.querySelector('.policy-card__title')!.textContent).toBe('增值税期末留抵退税');
    expect(container.querySelector('.policy-card__snippet')!.textContent).toBe('正文中的留抵退税办理流程');
    expect(container.querySelectorAll('.policy-hl__hit')).toHaveLength(2);
  });

  it('marks an expired policy and carries match chips when given', () => {
    const { container } = render(
      <PolicyCard
        policy={policyItem({ status: 'expired' })}
        match={{ eligible: false, met: [], missing: ['中型企业'] }}
      />,
    );
    expect(container.querySelector('.policy-card--expired')).not.toBeNull();
    expect(container.querySelector('.policy-card__expired')!.textContent).toBe('已过期');
    expect(screen.getByText('尚缺：中型企业')).toBeTruthy();
  });
});

describe('validityText', () => {
  it('names both ends, one end, or none', () => {
    expect(validityText({ validFrom: '2026-01-01', validTo: '2026-12-31' })).toBe('有效期：2026-01-01 至 2026-12-31');
    expect(validityText({ validFrom: null, validTo: '2026-12-31' })).toBe('有效期至 2026-12-31');
    expect(validityText({ validFrom: '2026-01-01', validTo: null })).toBe('有效期：2026-01-01 起长期有效');
    expect(validityText({ validFrom: null, validTo: null })).toBe('长期有效');
  });
});

describe('search history', () => {
  it('keeps the last 10 distinct searches, newest first, on the device', () => {
    let h: string[] = [];
    for (let i = 1; i <= 12; i++) h = rememberQuery(h, `词${i}`);
    expect(h).toHaveLength(HISTORY_MAX);
    expect(h[0]).toBe('词12');
    expect(h.at(-1)).toBe('词3');
    // A repeat moves up instead of appearing twice; blanks are not kept.
    h = rememberQuery(h, ' 词5 ');
    h = rememberQuery(h, '   ');
    expect(h.slice(0, 2)).toEqual(['词5', '词12']);
    expect(h.filter((q) => q === '词5')).toHaveLength(1);
    expect(loadHistory()).toEqual(h);
    expect(clearHistory()).toEqual([]);
    expect(loadHistory()).toEqual([]);
  });

  it('reads anything unexpected in storage as no history', () => {
    Taro.setStorageSync('qsgj.policySearchHistory', { not: 'a list' });
    expect(loadHistory()).toEqual([]);
    Taro.setStorageSync('qsgj.policySearchHistory', ['留抵', 3, '', '退税']);
    expect(loadHistory()).toEqual(['留抵', '退税']);
  });
});

describe('long 正文 in pieces', () => {
  it('leaves a short text whole', () => {
    expect(splitHtml('<p>短</p>', 100)).toEqual(['<p>短</p>']);
  });

  it('cuts only between top-level elements; the pieces join back into the text', () => {
    const para = (i: number) => `<p>第${i}段<strong>要点</strong><br/><img src="a.png"></p>`;
    const table = '<table><tr><td><p>表内</p></td></tr></table>';
    const html = [para(1), table, para(2), para(3), '<ul><li>一</li><li>二</li></ul>', para(4)].join('');
    const pieces = splitHtml(html, 30);
    expect(pieces.join('')).toBe(html);
    expect(pieces.length).toBeGreaterThan(2);
    for (const piece of pieces) {
      // Each piece opens and closes the same elements (nothing cut inside the table or list).
      const opens = (piece.match(/<(p|table|tr|td|ul|li|strong)\b/g) ?? []).length;
      const closes = (piece.match(/<\/(p|table|tr|td|ul|li|strong)>/g) ?? []).length;
      expect(opens).toBe(closes);
    }
    expect(pieces).toContain(table);
  });
});

describe('eligibility in words', () => {
  it('says 不限 for an empty list and names the rest', () => {
    expect(
      eligibilityRows({
        industries: [],
        scales: ['small', 'micro'],
        districts: ['全市'],
        qualifications: ['高新技术企业', '专精特新企业'],
      }),
    ).toEqual([
      { label: '适用行业', value: '不限' },
      { label: '企业规模', value: '小型企业、微型企业' },
      { label: '适用区域', value: '全市' },
      { label: '资质要求', value: '高新技术企业、专精特新企业（具备其一即可）' },
    ]);
  });
});
