import { Button, Label, Switch, Text, View } from '@tarojs/components';
import type { MeResponse, MyButlerResponse, MyMembership } from '@qsgj/shared/contracts';
import {
  ENTERPRISE_SCALE_LABEL,
  MEMBER_ROLE_LABEL,
  MEMBERSHIP_STATUS_LABEL,
  MemberRole,
  MembershipStatus,
  Role,
  ROLE_LABEL,
} from '@qsgj/shared/enums';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import { useStore } from '@/hooks/use-store';
import { largeFontStore } from '@/stores/prefs';
import { isStaff, sessionStore } from '@/stores/session';
import { openPage, PAGES } from '@/utils/routes';
import { useMe } from './use-me';
import './index.scss';

const STATUS_CLASS = { approved: 'qs-tag--ok', pending: 'qs-tag--wait', rejected: 'qs-tag--bad' } as const;

function SignedOut() {
  return (
    <View className="qs-section">
      <Text className="qs-section__title">您还没有登录</Text>
      <Text className="qs-muted">登录后可绑定企业、查看专属管家和消息</Text>
      <Button className="qs-btn" onClick={() => void openPage(PAGES.login)}>
        登录
      </Button>
    </View>
  );
}

function Enterprise({ membership }: { membership: MyMembership | null }) {
  if (!membership) {
    return (
      <View className="qs-section">
        <Text className="qs-section__title">我的企业</Text>
        <Text className="qs-muted">绑定企业后，可享受政策匹配、专属管家等服务</Text>
        <Button className="qs-btn" onClick={() => void openPage(PAGES.bind)}>
          绑定企业
        </Button>
      </View>
    );
  }
  const { enterprise, status, role } = membership;
  const profile =
    membership.status === MembershipStatus.APPROVED
      ? [
          membership.enterprise.scale && ENTERPRISE_SCALE_LABEL[membership.enterprise.scale],
          membership.enterprise.district,
        ].filter(Boolean)
      : [];
  return (
    <View className="qs-section">
      <Text className="qs-section__title">我的企业</Text>
      <View className="me__enterprise">
        <Text className="me__enterprise-name">{enterprise.name}</Text>
        <Text className="qs-muted">统一社会信用代码 {enterprise.creditCode}</Text>
        {profile.length > 0 && <Text className="qs-muted">{profile.join(' · ')}</Text>}
        <View className="me__row">
          <Text className={`qs-tag ${STATUS_CLASS[status]}`}>{MEMBERSHIP_STATUS_LABEL[status]}</Text>
          <Text className="qs-muted">{MEMBER_ROLE_LABEL[role]}</Text>
        </View>
        {status === MembershipStatus.PENDING && (
          <Text className="qs-muted">已提交绑定申请，等待企业管理员或管家审核</Text>
        )}
        {status === MembershipStatus.REJECTED && (
          <Button className="qs-btn qs-btn--plain" onClick={() => void openPage(PAGES.bind)}>
            重新申请绑定
          </Button>
        )}
        {role === MemberRole.OWNER && status === MembershipStatus.APPROVED && (
          <Button className="qs-btn qs-btn--plain" onClick={() => void openPage(PAGES.members)}>
            管理企业成员
          </Button>
        )}
      </View>
    </View>
  );
}

function Butler({ butler, error }: { butler?: MyButlerResponse; error: Error | null }) {
  return (
    <View className="qs-section me__butler">
      <Text className="qs-section__title">我的管家</Text>
      {butler ? (
        <View>
          <Text className="me__enterprise-name">{butler.name}</Text>
          <Text className="qs-muted">
            {butler.department ?? ''}
            {butler.phone ? ` · ${butler.phone}` : ''}
          </Text>
          {butler.specialties.length > 0 && <Text className="qs-muted">专长：{butler.specialties.join('、')}</Text>}
          <Button
            className="qs-btn qs-btn--plain me__ask-butler"
            onClick={() =>
              void openPage(
                `${PAGES.caseNew}?type=consult&butlerId=${butler.id}&butlerName=${encodeURIComponent(butler.name)}`,
              )
            }
          >
            向TA咨询
          </Button>
        </View>
      ) : (
        <Text className="qs-muted">{error?.message ?? '正在加载…'}</Text>
      )}
    </View>
  );
}

function MyCases({ awaitingRating }: { awaitingRating: number }) {
  const url = awaitingRating > 0 ? `${PAGES.myCases}?filter=rate` : PAGES.myCases;
  return (
    <View className="qs-section me__cases">
      <View className="me__cases-entry" role="button" onClick={() => void openPage(url)}>
        <Text className="me__cases-title">我的诉求</Text>
        {awaitingRating > 0 && <Text className="me__cases-badge">{awaitingRating} 件待评价</Text>}
        <Text className="me__cases-more">查看</Text>
      </View>
    </View>
  );
}

/**
 * 我的's entries: 政策订阅 and 我的收藏 for every enterprise user; for approved members of an enterprise also 一企一档,
 * 我的申报, and 我的报名 (潭商讲堂) and 我的供需 (企业商圈), which only a member can have.
 */
function PolicyEntries({ member }: { member: boolean }) {
  const entries = [
    ...(member
      ? [{ name: 'profile', title: '一企一档', note: '完善企业档案，精准匹配政策', url: PAGES.enterpriseProfile }]
      : []),
    { name: 'subscriptions', title: '政策订阅', note: '新政策发布时提醒您', url: PAGES.policySubscriptions },
    { name: 'favorites', title: '我的收藏', note: '收藏的政策', url: PAGES.policyFavorites },
    ...(member
      ? [
          { name: 'applications', title: '我的申报', note: '申请享受的政策及办理进度', url: PAGES.policyApplications },
          { name: 'registrations', title: '我的报名', note: '潭商讲堂报名与签到码', url: PAGES.myRegistrations },
          { name: 'market', title: '我的供需', note: '发布的供需与对接', url: PAGES.myMarketPosts },
        ]
      : []),
  ];
  return (
    <View className="qs-section me__policies">
      {entries.map((e) => (
        <View
          key={e.name}
          className={`me__entry me__entry--${e.name}`}
          role="button"
          onClick={() => void openPage(e.url)}
        >
          <View className="me__entry-text">
            <Text className="me__entry-title">{e.title}</Text>
            <Text className="qs-muted">{e.note}</Text>
          </View>
          <Text className="me__cases-more">查看</Text>
        </View>
      ))}
    </View>
  );
}

function Profile({ me, displayName }: { me: MeResponse; displayName: string }) {
  return (
    <View className="qs-section me__profile">
      <Text className="me__name">{me.nickname ?? displayName}</Text>
      <Text className="qs-muted">
        {ROLE_LABEL[me.role]}
        {me.phone ? ` · ${me.phone}` : ''}
        {me.department ? ` · ${me.department.name}` : ''}
      </Text>
    </View>
  );
}

/** 我的: profile, enterprise binding, butler, 我的诉求, 长辈版, privacy and account. */
function Me() {
  const session = useStore(sessionStore);
  const large = useStore(largeFontStore);
  const { me, butler, butlerError, awaitingRating, hasCases, loading, error, reload, setLarge, signOut } = useMe(
    session?.user.id,
  );
  const staff = isStaff(session);

  return (
    <>
      {!session ? (
        <SignedOut />
      ) : (
        <StateView loading={loading && !me} error={me ? null : error} onRetry={reload}>
          {me && (
            <>
              <Profile me={me} displayName={session.user.displayName} />
              {me.role === Role.ENTERPRISE && <Enterprise membership={me.membership} />}
              {me.role === Role.ENTERPRISE && me.membership?.status === MembershipStatus.APPROVED && (
                <Butler butler={butler} error={butlerError} />
              )}
              {hasCases && <MyCases awaitingRating={awaitingRating} />}
              {me.role === Role.ENTERPRISE && (
                <PolicyEntries member={me.membership?.status === MembershipStatus.APPROVED} />
              )}
              {staff && (
                <View className="qs-section">
                  <Button className="qs-btn" onClick={() => void openPage(PAGES.workbench)}>
                    进入管家工作台
                  </Button>
                </View>
              )}
            </>
          )}
        </StateView>
      )}

      <View className="qs-section">
        <Label className="me__switch">
          <View>
            <Text className="me__switch-title">长辈版（大字模式）</Text>
            <Text className="qs-muted">字号更大、按钮更大，全部页面生效</Text>
          </View>
          <Switch
            checked={large}
            color="#06753d"
            onChange={(e) => setLarge(e.detail.value)}
            aria-label="长辈版"
            // H5: Taro's switch is an <input type="checkbox"> inside <taro-switch-core>; name that input too.
            nativeProps={{ 'aria-label': '长辈版' }}
          />
        </Label>
      </View>

      {session && (
        <View className="qs-section">
          {!staff && (
            <Button className="qs-btn qs-btn--plain" onClick={() => void openPage(PAGES.myData)}>
              我的数据（导出与注销）
            </Button>
          )}
          <Button className="qs-btn qs-btn--plain" onClick={() => void openPage(`${PAGES.privacy}?view=1`)}>
            隐私政策
          </Button>
          <Button className="qs-btn qs-btn--plain" onClick={signOut}>
            退出登录
          </Button>
        </View>
      )}
    </>
  );
}

export default function MePage() {
  return (
    <PageShell className="me">
      <Me />
    </PageShell>
  );
}
