import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ButlerItem } from '@qsgj/shared/contracts';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import type { ApiError } from '@/services/http';
import { goBack, openPage, PAGES } from '@/utils/routes';
import { figures, initial, isFullPhone } from '@/packages/butlers/components/butler-card/figures';
import { askUrl, useButlerDetail } from './use-butler-detail';
import './index.scss';

function Missing({ text }: { text: string }) {
  return (
    <View className="qs-section butler-detail__missing" role="alert">
      <Text className="qs-section__title">{text}</Text>
      <Button className="qs-btn qs-btn--plain" onClick={() => void openPage(PAGES.butlers, { replace: true })}>
        查看管家团队
      </Button>
      <Button className="qs-btn qs-btn--plain" onClick={goBack}>
        返回
      </Button>
    </View>
  );
}

function Profile({ b }: { b: ButlerItem }) {
  return (
    <View className="qs-section butler-detail__profile">
      <View className="butler-detail__who">
        <View className="butler-detail__avatar" aria-hidden="true">
          <Text>{initial(b.name)}</Text>
        </View>
        <View className="butler-detail__names">
          <Text className="butler-detail__name">{b.name}</Text>
          <Text className="qs-muted butler-detail__department">{b.department?.name ?? '亲商管家'}</Text>
        </View>
      </View>
      {b.specialties.length > 0 && (
        <View className="butler-detail__tags">
          {b.specialties.map((s) => (
            <Text key={s} className="butler-detail__tag">
              {s}
            </Text>
          ))}
        </View>
      )}
      <View className="butler-detail__figures">
        {figures(b).map((f) => (
          <View key={f.label} className="butler-detail__figure">
            <Text className="butler-detail__figure-value">{f.value}</Text>
            <Text className="qs-muted butler-detail__figure-label">{f.label}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

function Contact({ b, canAsk, signedIn }: { b: ButlerItem; canAsk: boolean; signedIn: boolean }) {
  const full = isFullPhone(b.phone);
  const ask = () => {
    const url = askUrl(b.id, b.name);
    // A visitor signs in first and comes back to the form addressed to this butler.
    void openPage(signedIn ? url : `${PAGES.login}?redirect=${encodeURIComponent(url)}`);
  };
  return (
    <View className="qs-section butler-detail__contact">
      <Text className="qs-section__title">联系管家</Text>
      <View className="butler-detail__phone-row">
        <Text className="butler-detail__label">联系电话</Text>
        <Text className="butler-detail__phone">{b.phone ?? '暂未登记'}</Text>
      </View>
      {!full && b.phone && (
        <Text className="qs-muted butler-detail__phone-note">为保护个人信息，电话仅对其服务的企业完整显示</Text>
      )}
      {canAsk && (
        <Button className="qs-btn butler-detail__ask" onClick={ask}>
          向TA咨询
        </Button>
      )}
      {full && (
        <Button
          className="qs-btn qs-btn--plain butler-detail__call"
          onClick={() => void Taro.makePhoneCall({ phoneNumber: b.phone! }).catch(() => undefined)}
        >
          拨打电话
        </Button>
      )}
    </View>
  );
}

/** 管家详情: who the butler is, the ledger's figures, the introduction, and 「向TA咨询」 (「拨打电话」 to those it serves). */
function Detail() {
  const { valid, session, staff, detail } = useButlerDetail();
  if (!valid) return <Missing text="缺少管家编号，无法显示管家详情" />;
  const notFound = (detail.error as ApiError | null)?.code === 'NOT_FOUND';
  if (notFound && !detail.data) return <Missing text="该管家不存在或已不在岗" />;
  return (
    <StateView
      loading={detail.loading && !detail.data}
      error={detail.data ? null : detail.error}
      onRetry={() => void detail.reload()}
    >
      {detail.data && (
        <>
          <Profile b={detail.data} />
          {detail.data.introduction && (
            <View className="qs-section butler-detail__intro">
              <Text className="qs-section__title">管家简介</Text>
              <Text className="butler-detail__intro-text">{detail.data.introduction}</Text>
            </View>
          )}
          <Contact b={detail.data} canAsk={!staff} signedIn={!!session} />
        </>
      )}
    </StateView>
  );
}

export default function ButlersDetailPage() {
  return (
    <PageShell className="butler-detail">
      <Detail />
    </PageShell>
  );
}
