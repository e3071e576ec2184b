import { Button, Text, View } from '@tarojs/components';
import type { MyButlerResponse } from '@qsgj/shared/contracts';
import ListFooter from '@/components/list-footer';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import type { ApiError } from '@/services/http';
import { openPage, PAGES } from '@/utils/routes';
import ButlerCard from '@/packages/butlers/components/butler-card';
import { useButlerList } from './use-butler-list';
import './index.scss';

type Directory = ReturnType<typeof useButlerList>;

/** 「我的管家」 on top for an enterprise user: the assigned butler, or why there is none. */
function Mine({ mine }: { mine: Directory['mine'] }) {
  const code = (mine.error as ApiError | null)?.code;
  if (mine.data) {
    const b: MyButlerResponse = mine.data;
    return (
      <View className="butlers__mine">
        <Text className="qs-section__title butlers__mine-title">我的管家</Text>
        <ButlerCard className="butlers__mine-card" butler={b} />
      </View>
    );
  }
  if (code === 'NO_BUTLER_ASSIGNED') {
    return (
      <View className="qs-section butlers__mine butlers__mine--none">
        <Text className="qs-section__title">我的管家</Text>
        <Text className="qs-muted">正在为贵企业安排专属管家，您也可以从下方选择管家咨询</Text>
      </View>
    );
  }
  if (code === 'ENTERPRISE_NOT_BOUND') {
    return (
      <View
        className="qs-section butlers__mine butlers__mine--unbound"
        role="link"
        onClick={() => void openPage(PAGES.bind)}
      >
        <Text className="qs-section__title">我的管家</Text>
        <Text className="qs-muted">绑定企业后，这里显示为贵企业服务的专属管家</Text>
        <Text className="butlers__bind">去绑定</Text>
      </View>
    );
  }
  // Loading, or another failure: the directory below still works.
  return null;
}

function Chip({ label, on, onTap }: { label: string; on: boolean; onTap: () => void }) {
  return (
    <View className={`butlers__chip${on ? ' butlers__chip--on' : ''}`} role="button" aria-pressed={on} onClick={onTap}>
      {label}
    </View>
  );
}

function Filters({ d }: { d: Directory }) {
  const o = d.options;
  const departmentName = o.data?.departments.find((x) => x.id === d.filters.department)?.name;
  const summary = [departmentName, d.filters.specialty].filter(Boolean).join(' · ') || '全部管家';
  return (
    <View className="butlers__filters">
      <View className="butlers__filter-bar">
        <Text className="butlers__summary">{summary}</Text>
        {d.active > 0 && (
          <View className="butlers__reset" role="button" onClick={d.resetFilters}>
            重置
          </View>
        )}
        <View
          className={`butlers__toggle${d.panelOpen ? ' butlers__toggle--open' : ''}`}
          role="button"
          aria-expanded={d.panelOpen}
          onClick={d.togglePanel}
        >
          {d.active > 0 ? `筛选（${d.active}）` : '筛选'}
        </View>
      </View>
      {d.panelOpen && (
        <View className="butlers__panel">
          <StateView loading={o.loading && !o.data} error={o.data ? null : o.error} onRetry={() => void o.reload()}>
            {o.data && (
              <>
                <View className="butlers__filter butlers__filter--department">
                  <Text className="butlers__filter-title">部门</Text>
                  <View className="butlers__chips">
                    <Chip label="全部" on={!d.filters.department} onTap={() => d.setFilter('department', null)} />
                    {o.data.departments.map((x) => (
                      <Chip
                        key={x.id}
                        label={`${x.name}（${x.count}）`}
                        on={d.filters.department === x.id}
                        onTap={() => d.setFilter('department', d.filters.department === x.id ? null : x.id)}
                      />
                    ))}
                  </View>
                </View>
                <View className="butlers__filter butlers__filter--specialty">
                  <Text className="butlers__filter-title">专长</Text>
                  <View className="butlers__chips">
                    <Chip label="全部" on={!d.filters.specialty} onTap={() => d.setFilter('specialty', null)} />
                    {o.data.specialties.map((x) => (
                      <Chip
                        key={x.name}
                        label={x.name}
                        on={d.filters.specialty === x.name}
                        onTap={() => d.setFilter('specialty', d.filters.specialty === x.name ? null : x.name)}
                      />
                    ))}
                  </View>
                </View>
              </>
            )}
          </StateView>
        </View>
      )}
    </View>
  );
}

/** 管家团队: 我的管家 on top (an enterprise user), then every butler by department and specialty. */
function Directory() {
  const d = useButlerList();
  return (
    <>
      {d.enterprise && <Mine mine={d.mine} />}
      <Filters d={d} />
      <StateView
        {...d.list.state}
        emptyText={d.active > 0 ? '没有符合条件的管家' : '暂无在岗管家'}
        emptyAction={
          d.active > 0 ? (
            <Button className="qs-btn qs-btn--plain butlers__clear" onClick={d.resetFilters}>
              查看全部管家
            </Button>
          ) : undefined
        }
      >
        {d.list.items.map((b) => (
          <ButlerCard
            key={b.id}
            butler={{
              ...b,
              department: b.department?.name ?? null,
            }}
          />
        ))}
        <ListFooter list={d.list} />
      </StateView>
    </>
  );
}

export default function ButlersListPage() {
  return (
    <PageShell className="butlers">
      <Directory />
    </PageShell>
  );
}
