import { Text, View } from '@tarojs/components';
import PageShell from '@/components/page-shell';
import { useStore } from '@/hooks/use-store';
import { largeFontStore, setLargeFont } from '@/stores/prefs';
import { isStaff, sessionStore } from '@/stores/session';
import { openPage, PAGES } from '@/utils/routes';
import { CHANNELS, type Entry, PUBLIC_STATS, SERVICES } from './entries';
import HomeFeedSections from './home-feed';
import { useHomeFeed } from './use-home-feed';
import './icons.scss';
import './index.scss';

function open(entry: Entry) {
  void openPage(entry.url);
}

function Home() {
  const session = useStore(sessionStore);
  const large = useStore(largeFontStore);
  const feed = useHomeFeed();
  return (
    <>
      <View className="home__hero">
        <View className="home__hero-row">
          <Text className="home__title">亲商管家营商服务通</Text>
          <View
            className={`home__elder${large ? ' home__elder--on' : ''}`}
            role="switch"
            aria-checked={large}
            onClick={() => setLargeFont(!large)}
          >
            <Text>{large ? '标准版' : '长辈版'}</Text>
          </View>
        </View>
        <Text className="home__subtitle">政策直达 · 诉求直办 · 管家直连</Text>
      </View>

      <View className="qs-section">
        <Text className="qs-section__title">六大服务</Text>
        <View className="home__grid">
          {SERVICES.map((s) => (
            <View key={s.key} className="home__tile" role="button" onClick={() => open(s)} data-key={s.key}>
              <View className={`home__icon home__icon--${s.key}`} aria-hidden="true" />
              <Text className="home__tile-title">{s.title}</Text>
            </View>
          ))}
        </View>
      </View>

      <View className="qs-section">
        <Text className="qs-section__title">三大渠道</Text>
        <View className="home__channels">
          {CHANNELS.map((c) => (
            <View key={c.key} className="home__channel" role="button" onClick={() => open(c)} data-key={c.key}>
              <View className={`home__icon home__icon--${c.key}`} aria-hidden="true" />
              <Text className="home__channel-title">{c.title}</Text>
              <Text className="home__channel-desc">{c.desc}</Text>
            </View>
          ))}
        </View>
        <View className="home__public" role="link" onClick={() => open(PUBLIC_STATS)} data-key={PUBLIC_STATS.key}>
          <Text className="home__public-title">{PUBLIC_STATS.title}</Text>
          <Text className="home__public-desc">{PUBLIC_STATS.desc}</Text>
          <Text className="home__public-arrow" aria-hidden="true">
            ›
          </Text>
        </View>
      </View>

      {!session && (
        <View className="qs-section home__cta" role="button" onClick={() => void openPage(PAGES.login)}>
          <Text className="home__cta-title">登录并绑定企业</Text>
          <Text className="qs-muted">一企一档，政策精准推送，专属管家服务</Text>
        </View>
      )}
      {session && isStaff(session) && (
        <View className="qs-section home__cta" role="button" onClick={() => void openPage(PAGES.workbench)}>
          <Text className="home__cta-title">进入管家工作台</Text>
          <Text className="qs-muted">{session.user.displayName}</Text>
        </View>
      )}

      <HomeFeedSections view={feed} />
    </>
  );
}

export default function HomePage() {
  return (
    <PageShell className="home">
      <Home />
    </PageShell>
  );
}
