import { Button, Text, View } from '@tarojs/components';
import ListFooter from '@/components/list-footer';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import { AdminOnly } from '@/packages/workbench/components/policy-admin';
import { PACKAGE_FILTERS, useAdminPackages } from './use-admin-packages';
import './index.scss';

function rate(r: number | null): string {
  return r === null ? '暂无评价' : `满意度 ${Math.round(r * 100)}%`;
}

/** 服务包管理 (admins): the packages, retired ones too, with their applications and satisfaction; 新建 and edit. */
function Packages() {
  const p = useAdminPackages();
  if (!p.admin) return <AdminOnly what="惠企服务" />;
  const { list } = p;
  return (
    <View className="wb-packages">
      <View className="qs-section wb-packages__top">
        <Button className="qs-btn wb-packages__new" onClick={p.create}>
          新建服务包
        </Button>
        <View className="wb-packages__chips">
          {PACKAGE_FILTERS.map((f) => (
            <View
              key={f.key}
              className={`wb-packages__chip wb-packages__chip--${f.key}${f.key === p.status ? ' wb-packages__chip--on' : ''}`}
              role="button"
              aria-pressed={f.key === p.status}
              onClick={() => p.setStatus(f.key)}
            >
              {f.label}
            </View>
          ))}
        </View>
      </View>
      <StateView {...list.state} emptyText="暂无服务包">
        {list.items.map((item) => (
          <View
            key={item.id}
            className="qs-section wb-packages__row"
            data-id={item.id}
            role="button"
            onClick={() => p.open(item.id)}
          >
            <View className="wb-packages__row-head">
              <Text className={`qs-tag qs-tag--${item.active ? 'ok' : 'bad'}`}>
                {item.active ? '上架中' : '已下架'}
              </Text>
              <Text className="wb-packages__name">{item.name}</Text>
            </View>
            <Text className="wb-packages__meta">{`${item.provider.name} · ${item.timeLimitDays} 个工作日`}</Text>
            <Text className="wb-packages__meta">{`已申请 ${item.applications} 次 · ${rate(item.satisfactionRate)}`}</Text>
          </View>
        ))}
        <ListFooter list={list} />
      </StateView>
    </View>
  );
}

export default function ServicePackagesAdminPage() {
  return (
    <PageShell className="wb-packages-page">
      <Packages />
    </PageShell>
  );
}
