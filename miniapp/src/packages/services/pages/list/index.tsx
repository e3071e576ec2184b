import { Text, View } from '@tarojs/components';
import ListFooter from '@/components/list-footer';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import PackageCard from '@/packages/services/components/package-card';
import { useServicePackages } from './use-service-packages';
import './index.scss';

/** 惠企服务: the catalogue of service packages; each opens its detail, where an enterprise applies. */
function Content() {
  const list = useServicePackages();
  return (
    <>
      <View className="qs-section services-list__intro">
        <Text className="qs-section__title">惠企服务</Text>
        <Text className="qs-muted">由职能部门提供的专项服务，申请后生成诉求，按时限办理，进度可在「我的诉求」查看</Text>
      </View>
      <StateView {...list.state} emptyText="暂无可申请的服务">
        {list.items.map((p) => (
          <PackageCard key={p.id} item={p} />
        ))}
        <ListFooter list={list} />
      </StateView>
    </>
  );
}

export default function ServicesListPage() {
  return (
    <PageShell className="services-list">
      <Content />
    </PageShell>
  );
}
