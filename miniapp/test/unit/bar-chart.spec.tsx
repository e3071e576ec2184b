import { render } from '@testing-library/react';
import BarChart, { type BarGroup, describeChart } from '../../src/packages/workbench/components/bar-chart';
import { labelEvery, niceTicks, share } from '../../src/packages/workbench/components/bar-chart/scale';

const weeks = (n: number): BarGroup[] =>
  Array.from({ length: n }, (_, i) => ({
    key: `w${i}`,
    label: `W${i + 1}`,
    title: `第${i + 1}周`,
    values: [i * 2, i],
  }));

const all = (c: HTMLElement, selector: string) => Array.from(c.querySelectorAll<HTMLElement>(selector));

describe('the value axis', () => {
  it('rounds up to steps of 1, 2 or 5 × 10ⁿ in whole cases', () => {
    expect(niceTicks(108)).toEqual([0, 50, 100, 150]);
    expect(niceTicks(100)).toEqual([0, 50, 100]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(1)).toEqual([0, 1]);
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(Number.NaN)).toEqual([0, 1]);
  });

  it('gives bar lengths as shares of the top tick, never hiding a value above 0', () => {
    expect(share(50, 150)).toBe('33.33%');
    expect(share(150, 150)).toBe('100%');
    expect(share(1, 1000)).toBe('1%');
    expect(share(0, 150)).toBe('0%');
    expect(share(3, 0)).toBe('0%');
  });

  it('thins the category labels to at most the given number', () => {
    expect(labelEvery(5, 8)).toBe(1);
    expect(labelEvery(53, 8)).toBe(7);
  });
});

describe('BarChart', () => {
  it('draws grouped columns with heights to scale, values, axis labels, a legend and a text alternative', () => {
    const groups: BarGroup[] = [
      { key: 'a', label: '11/2', title: '11月2日当周', values: [108, 100] },
      { key: 'b', label: '11/9', title: '11月9日当周', values: [30, 0] },
    ];
    const { container } = render(
      <BarChart title="每周受理与办结" series={['受理', '办结']} groups={groups} unit="件" />,
    );
    expect(all(container, '.bar-chart__legend-name').map((e) => e.textContent)).toEqual(['受理', '办结']);
    expect(all(container, '.bar-chart__axis .bar-chart__tick').map((e) => [e.textContent, e.style.bottom])).toEqual([
      ['0', '0%'],
      ['50', '33.33%'],
      ['100', '66.67%'],
      ['150', '100%'],
    ]);
    const bars = all(container, '.bar-chart__group').map((g) =>
      all(g, '.bar-chart__col').map((c) => {
        const bar = c.querySelector<HTMLElement>('.bar-chart__bar')!;
        return [bar.className, bar.style.height, c.querySelector('.bar-chart__value')!.textContent];
      }),
    );
    expect(bars).toEqual([
      [
        ['bar-chart__bar bar-chart__bar--0', '72%', '108'],
        ['bar-chart__bar bar-chart__bar--1', '66.67%', '100'],
      ],
      [
        ['bar-chart__bar bar-chart__bar--0', '20%', '30'],
        ['bar-chart__bar bar-chart__bar--1', '0%', '0'],
      ],
    ]);
    expect(all(container, '.bar-chart__label').map((e) => e.textContent)).toEqual(['11/2', '11/9']);
    const summary = container.querySelector('.bar-chart__summary')!;
    expect(summary.textContent).toBe(
      '每周受理与办结：11月2日当周：受理 108件，办结 100件；11月9日当周：受理 30件，办结 0件。',
    );
    // A value is not drawn on its bar's colour (it sits above it, on white).
    expect(container.querySelector('.bar-chart__bar .bar-chart__value')).toBeNull();
    // The drawing is hidden from screen readers, which read the summary instead.
    expect(container.querySelector('.bar-chart__body')!.getAttribute('aria-hidden')).toBe('true');
    expect(summary.closest('[aria-hidden="true"]')).toBeNull();
  });

  it('leaves the numbers off narrow columns and labels every n-th week when there are many', () => {
    const { container } = render(<BarChart title="每周" series={['受理', '办结']} groups={weeks(53)} />);
    expect(all(container, '.bar-chart__group')).toHaveLength(53);
    expect(container.querySelector('.bar-chart__value')).toBeNull();
    const labels = all(container, '.bar-chart__label').map((e) => e.textContent);
    expect(labels.filter(Boolean)).toEqual(['W1', 'W8', 'W15', 'W22', 'W29', 'W36', 'W43', 'W50']);
    // Every figure is still in the text alternative.
    expect(container.querySelector('.bar-chart__summary')!.textContent).toContain('第53周：受理 104，办结 52');
  });

  it('draws rows (long department names) with widths to scale, values and the axis underneath', () => {
    const groups: BarGroup[] = [
      { key: 'd1', label: '市发展和改革委员会', values: [40, 10] },
      { key: 'd2', label: '市市场监督管理局', values: [5, 5] },
    ];
    const { container } = render(<BarChart title="各部门" series={['受理', '办结']} groups={groups} layout="rows" />);
    expect(container.querySelector('.bar-chart--rows')).not.toBeNull();
    const rows = all(container, '.bar-chart__row').map((r) => [
      r.querySelector('.bar-chart__label')!.textContent,
      ...all(r, '.bar-chart__line').map((l) => [
        l.querySelector<HTMLElement>('.bar-chart__bar')!.style.width,
        l.querySelector('.bar-chart__value')!.textContent,
      ]),
    ]);
    expect(rows).toEqual([
      ['市发展和改革委员会', ['100%', '40'], ['25%', '10']],
      ['市市场监督管理局', ['12.5%', '5'], ['12.5%', '5']],
    ]);
    expect(all(container, '.bar-chart__ticks .bar-chart__tick').map((t) => [t.textContent, t.style.left])).toEqual([
      ['0', '0%'],
      ['10', '25%'],
      ['20', '50%'],
      ['30', '75%'],
      ['40', '100%'],
    ]);
  });

  it('says when there is nothing to draw', () => {
    const { container } = render(
      <BarChart title="各部门" series={['受理', '办结']} groups={[]} emptyText="该区间没有数据" />,
    );
    expect(container.querySelector('.bar-chart__empty')!.textContent).toBe('该区间没有数据');
    expect(container.querySelector('.bar-chart__body')).toBeNull();
    expect(describeChart('各部门', ['受理'], [])).toBe('各部门：暂无数据。');
  });

  it('stays small: a year of weeks is under 500 nodes', () => {
    const { container } = render(<BarChart title="每周" series={['受理', '办结']} groups={weeks(53)} />);
    expect(container.querySelectorAll('*').length).toBeLessThan(500);
  });
});
