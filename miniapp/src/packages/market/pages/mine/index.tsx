import { Button, Text, View } from '@tarojs/components';
import type { ContactRequestView, MarketPostCard } from '@qsgj/shared/contracts';
import ListFooter from '@/components/list-footer';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import { caseTime } from '@/components/case-timeline/format';
import type { PagedList } from '@/hooks/use-paged-list';
import { Chips } from '@/packages/market/components/chips';
import PostCard from '@/packages/market/components/post-card';
import {
  CONTACT_REQUEST_STATUS_LABEL,
  MARKET_POST_KIND_LABEL,
  requestTone,
  VALID_DAY_CHOICES,
} from '@/packages/market/components/words';
import { type MineTab, type MyMarket, useMyMarket } from './use-my-market';
import './index.scss';

const TABS: Array<{ value: MineTab; label: string }> = [
  { value: 'posts', label: '我的发布' },
  { value: 'incoming', label: '收到的' },
  { value: 'outgoing', label: '我发出的' },
];

function Tabs({ m }: { m: MyMarket }) {
  return (
    <View className="market-mine__tabs" role="tablist">
      {TABS.map((t) => (
        <View
          key={t.value}
          className={`market-mine__tab${m.tab === t.value ? ' market-mine__tab--on' : ''}`}
          role="tab"
          aria-selected={m.tab === t.value}
          onClick={() => m.setTab(t.value)}
        >
          <Text>{t.label}</Text>
        </View>
      ))}
    </View>
  );
}

function QuickActions({ m, p }: { m: MyMarket; p: MarketPostCard }) {
  const open = m.acting?.postId === p.id ? m.acting.what : null;
  if (p.status === 'taken_down') return null;
  if (open === 'close') {
    return (
      <View className="market-mine__act" role="dialog" aria-label="确认关闭">
        <Text className="market-mine__act-text">关闭后不再在商圈展示，可随时续期重新展示。</Text>
        {m.actionError && <Text className="qs-field__error">{m.actionError}</Text>}
        <View className="market-mine__buttons">
          <Button className="qs-btn qs-btn--plain" disabled={m.busy} onClick={m.cancel}>
            取消
          </Button>
          <Button className="qs-btn qs-btn--danger" loading={m.busy} disabled={m.busy} onClick={() => m.close(p.id)}>
            确认关闭
          </Button>
        </View>
      </View>
    );
  }
  if (open === 'renew') {
    return (
      <View className="market-mine__act" role="dialog" aria-label="续期">
        <Text className="market-mine__act-text">自今天起再展示：</Text>
        <Chips
          label="续期天数"
          choices={VALID_DAY_CHOICES.map((d) => ({ value: String(d), label: `${d} 天` }))}
          value={String(m.days)}
          onChange={(d) => m.setDays(Number(d))}
        />
        {m.actionError && <Text className="qs-field__error">{m.actionError}</Text>}
        <View className="market-mine__buttons">
          <Button className="qs-btn qs-btn--plain" disabled={m.busy} onClick={m.cancel}>
            取消
          </Button>
          <Button className="qs-btn" loading={m.busy} disabled={m.busy} onClick={() => m.renew(p.id)}>
            确认续期
          </Button>
        </View>
      </View>
    );
  }
  return (
    <View className="market-mine__buttons">
      <Button className="qs-btn qs-btn--plain market-mine__renew" onClick={() => m.act(p.id, 'renew')}>
        续期
      </Button>
      {p.status !== 'closed' && (
        <Button className="qs-btn qs-btn--plain market-mine__close" onClick={() => m.act(p.id, 'close')}>
          关闭
        </Button>
      )}
    </View>
  );
}

function RequestRow({ m, r }: { m: MyMarket; r: ContactRequestView }) {
  const other = r.direction === 'incoming' ? r.requesterEnterprise : r.ownerEnterprise;
  return (
    <View className="market-mine__request" data-id={r.id} role="link" onClick={() => m.openRequest(r.id)}>
      <View className="market-mine__request-head">
        <Text className="market-mine__request-title">{`【${MARKET_POST_KIND_LABEL[r.post.kind]}】${r.post.title}`}</Text>
        <Text className={`qs-tag qs-tag--${requestTone(r.status)}`}>{CONTACT_REQUEST_STATUS_LABEL[r.status]}</Text>
      </View>
      <Text className="market-mine__request-other">
        {r.direction === 'incoming' ? `来自：${other.name}` : `发给：${other.name}`}
      </Text>
      <Text className="market-mine__request-message">{r.message}</Text>
      <Text className="qs-muted">{caseTime(r.createdAt)}</Text>
    </View>
  );
}

function Requests({ m, list, empty }: { m: MyMarket; list: PagedList<ContactRequestView>; empty: string }) {
  return (
    <StateView {...list.state} emptyText={empty}>
      {list.items.map((r) => (
        <RequestRow key={r.id} m={m} r={r} />
      ))}
      <ListFooter list={list} />
    </StateView>
  );
}

function Gate({ m }: { m: MyMarket }) {
  if (!m.signedIn) {
    return (
      <View className="qs-section market-mine__gate">
        <Text className="qs-section__title">请先登录</Text>
        <Text className="qs-muted">登录并绑定企业后，这里显示贵企业发布的供需和对接申请。</Text>
        <Button className="qs-btn" onClick={m.signIn}>
          登录
        </Button>
      </View>
    );
  }
  return (
    <View className="qs-section market-mine__gate">
      <Text className="qs-section__title">工作人员账号没有我的供需</Text>
      <Text className="qs-muted">供需信息由企业用户发布；举报与下架请在工作台的商圈管理中处理。</Text>
    </View>
  );
}

/** 我的供需: my enterprise's posts (续期, 关闭) and the contact requests received and sent, each with its status. */
function MyMarketContent() {
  const m = useMyMarket();
  if (!m.signedIn || m.staff) return <Gate m={m} />;
  if (m.unbound) {
    return (
      <View className="qs-section market-mine__gate">
        <Text className="qs-section__title">请先绑定企业</Text>
        <Text className="qs-muted">供需与对接以企业名义进行，绑定企业并通过审核后可用。</Text>
        <Button className="qs-btn" onClick={m.bind}>
          绑定企业
        </Button>
      </View>
    );
  }
  return (
    <>
      <Tabs m={m} />
      {m.tab === 'posts' && (
        <StateView
          {...m.posts.state}
          emptyText="贵企业还没有发布供需信息"
          emptyAction={
            <Button className="qs-btn market-mine__publish" onClick={m.publish}>
              发布供需
            </Button>
          }
        >
          {m.posts.items.map((p) => (
            <PostCard key={p.id} post={p} showStatus className="market-mine__post">
              <QuickActions m={m} p={p} />
            </PostCard>
          ))}
          <ListFooter list={m.posts} />
        </StateView>
      )}
      {m.tab === 'incoming' && <Requests m={m} list={m.incoming} empty="还没有企业向贵企业发起对接" />}
      {m.tab === 'outgoing' && <Requests m={m} list={m.outgoing} empty="您还没有发起过对接" />}
    </>
  );
}

export default function MarketMinePage() {
  return (
    <PageShell className="market-mine">
      <MyMarketContent />
    </PageShell>
  );
}
