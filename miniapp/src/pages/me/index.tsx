import { Button, Switch, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { MEMBERSHIP_STATUS_LABEL, ROLE_LABEL } from '@qsgj/shared/enums';
import PageShell from '../../components/page-shell';
import StateView from '../../components/state-view';
import { useStore } from '../../hooks/use-store';
import { authApi } from '../../services/auth.api';
import type { ApiError } from '../../services/http';
import { meApi } from '../../services/me.api';
import { refreshUnreadBadge } from '../../services/notifications.api';
import { largeFontStore, setLargeFont } from '../../stores/prefs';
import { isStaff, sessionStore } from '../../stores/session';
import { openPage, ROUTES } from '../../utils/routes';
import { useMe } from './use-me';
import './index.scss';

const STATUS_CLASS = { approved: 'qs-tag--ok', pending: 'qs-tag--wait', rejected: 'qs-tag--bad' } as const;

export default function Me() {
  const session = useStore(sessionStore);
  const large = useStore(largeFontStore);
  const { me, butler, butlerError, loading, error, reload } = useMe(!!session);

  useDidShow(() => {
    if (!session) return;
    void reload();
    void refreshUnreadBadge();
  });

  const toggleLarge = (on: boolean) => {
    setLargeFont(on);
    // Remember it on the account too, so it follows the user to another phone.
    if (session && !isStaff(session)) void meApi.update({ largeFont: on }).catch(() => undefined);
  };

  return (
    <PageShell className="me">
      {!session ? (
        <View className="qs-section">
          <Text className="qs-section__title">您还没有登录</Text>
          <Text className="qs-muted">登录后可绑定企业、查看专属管家和消息</Text>
          <Button className="qs-btn" onClick={() => void openPage(ROUTES.login)}>
            登录
          </Button>
        </View>
      ) : (
        <StateView loading={loading && !me} error={me ? null : error} onRetry={reload}>
          {me && (
            <>
              <View className="qs-section me__profile">
                <Text className="me__name">{me.nickname ?? session.user.displayName}</Text>
                <Text className="qs-muted">
                  {ROLE_LABEL[me.role]}
                  {me.phone ? ` · ${me.phone}` : ''}
                  {me.department ? ` · ${me.department.name}` : ''}
                </Text>
              </View>

              {me.role === 'enterprise' && (
                <View className="qs-section">
                  <Text className="qs-section__title">我的企业</Text>
                  {me.membership ? (
                    <View className="me__enterprise">
                      <Text className="me__enterprise-name">{me.membership.enterprise.name}</Text>
                      <Text className="qs-muted">统一社会信用代码 {me.membership.enterprise.creditCode}</Text>
                      <View className="me__row">
                        <Text className={`qs-tag ${STATUS_CLASS[me.membership.status]}`}>
                          {MEMBERSHIP_STATUS_LABEL[me.membership.status]}
                        </Text>
                        <Text className="qs-muted">{me.membership.role === 'owner' ? '企业管理员' : '企业成员'}</Text>
                      </View>
                      {me.membership.status === 'pending' && (
                        <Text className="qs-muted">已提交绑定申请，等待企业管理员或管家审核</Text>
                      )}
                      {me.membership.status === 'rejected' && (
                        <Button className="qs-btn qs-btn--plain" onClick={() => void openPage(ROUTES.bind)}>
                          重新申请绑定
                        </Button>
                      )}
                      {me.membership.role === 'owner' && me.membership.status === 'approved' && (
                        <Button className="qs-btn qs-btn--plain" onClick={() => void openPage(ROUTES.members)}>
                          管理企业成员
                        </Button>
                      )}
                    </View>
                  ) : (
                    <View>
                      <Text className="qs-muted">绑定企业后，可享受政策匹配、专属管家等服务</Text>
                      <Button className="qs-btn" onClick={() => void openPage(ROUTES.bind)}>
                        绑定企业
                      </Button>
                    </View>
                  )}
                </View>
              )}

              {me.role === 'enterprise' && me.membership?.status === 'approved' && (
                <View className="qs-section me__butler">
                  <Text className="qs-section__title">我的管家</Text>
                  {butler ? (
                    <View>
                      <Text className="me__enterprise-name">{butler.name}</Text>
                      <Text className="qs-muted">
                        {butler.department ?? ''}
                        {butler.phone ? ` · ${butler.phone}` : ''}
                      </Text>
                      {butler.specialties.length > 0 && (
                        <Text className="qs-muted">专长：{butler.specialties.join('、')}</Text>
                      )}
                    </View>
                  ) : (
                    <Text className="qs-muted">{(butlerError as ApiError | null)?.message ?? '正在加载…'}</Text>
                  )}
                </View>
              )}

              {isStaff(session) && (
                <View className="qs-section">
                  <Button className="qs-btn" onClick={() => void openPage(ROUTES.workbench)}>
                    进入管家工作台
                  </Button>
                </View>
              )}
            </>
          )}
        </StateView>
      )}

      <View className="qs-section">
        <View className="me__switch">
          <View>
            <Text className="me__switch-title">长辈版（大字模式）</Text>
            <Text className="qs-muted">字号更大、按钮更大，全部页面生效</Text>
          </View>
          <Switch checked={large} color="#06753d" onChange={(e) => toggleLarge(e.detail.value)} aria-label="长辈版" />
        </View>
      </View>

      {session && (
        <View className="qs-section">
          {!isStaff(session) && (
            <Button className="qs-btn qs-btn--plain" onClick={() => void openPage(ROUTES.myData)}>
              我的数据（导出与注销）
            </Button>
          )}
          <Button className="qs-btn qs-btn--plain" onClick={() => void openPage(ROUTES.privacy + '?view=1')}>
            隐私政策
          </Button>
          <Button
            className="qs-btn qs-btn--plain"
            onClick={() => void authApi.signOut().then(() => Taro.showToast({ title: '已退出登录', icon: 'none' }))}
          >
            退出登录
          </Button>
        </View>
      )}
    </PageShell>
  );
}
