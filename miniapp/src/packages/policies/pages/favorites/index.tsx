import { Button, Text, View } from '@tarojs/components';
import ListFooter from '@/components/list-footer';
import PageShell from '@/components/page-shell';
import PolicyCard from '@/components/policy-card';
import StateView from '@/components/state-view';
import { openPage, PAGES } from '@/utils/routes';
import { useFavorites } from './use-favorites';
import './index.scss';

function ToLibrary() {
  return (
    <Button className="qs-btn qs-btn--plain policy-favorites__library" onClick={() => void openPage(PAGES.policies)}>
      去政策库看看
    </Button>
  );
}

/** 我的收藏: the policies I kept, each opening its detail. */
function Favorites() {
  const { session, staff, list } = useFavorites();
  if (!session) {
    return (
      <View className="qs-section policy-favorites__signed-out">
        <Text className="qs-section__title">登录后查看收藏的政策</Text>
        <Text className="qs-muted">在政策详情中点「收藏」，政策会保存在这里</Text>
        <Button
          className="qs-btn policy-favorites__login"
          onClick={() => void openPage(`${PAGES.login}?redirect=${encodeURIComponent(PAGES.policyFavorites)}`)}
        >
          登录
        </Button>
      </View>
    );
  }
  if (staff) {
    return (
      <View className="qs-section">
        <Text className="qs-section__title">收藏政策供企业用户使用</Text>
        <ToLibrary />
      </View>
    );
  }
  return (
    <StateView {...list.state} emptyText="您还没有收藏政策" emptyAction={<ToLibrary />}>
      {list.items.map((p) => (
        <PolicyCard key={p.id} policy={p} />
      ))}
      <ListFooter list={list} />
    </StateView>
  );
}

export default function PolicyFavoritesPage() {
  return (
    <PageShell className="policy-favorites">
      <Favorites />
    </PageShell>
  );
}
