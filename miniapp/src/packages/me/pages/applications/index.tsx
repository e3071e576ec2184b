import { Button, Text, View } from '@tarojs/components';
import type { PolicyApplicationItem } from '@qsgj/shared/contracts';
import { CASE_STATE_LABEL } from '@qsgj/shared/enums';
import { expectedReplyText } from '@qsgj/shared/rules';
import { caseDay } from '@/components/case-timeline/format';
import ListFooter from '@/components/list-footer';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import { openPage, PAGES } from '@/utils/routes';
import { usePolicyApplications } from './use-policy-applications';
import './index.scss';

function tone(state: PolicyApplicationItem['case']['state']): string {
  if (state === 'resolved' || state === 'closed') return 'ok';
  if (state === 'rejected') return 'bad';
  return 'wait';
}

function Entry({ a }: { a: PolicyApplicationItem }) {
  return (
    <View
      className="my-applications__item"
      data-id={a.case.id}
      role="link"
      onClick={() => void openPage(`${PAGES.caseDetail}?id=${a.case.id}`)}
    >
      <View className="my-applications__head">
        <Text className="my-applications__title">{a.policy.title || '（政策已撤回）'}</Text>
        <Text className={`qs-tag qs-tag--${tone(a.case.state)} my-applications__state`}>
          {CASE_STATE_LABEL[a.case.state]}
        </Text>
      </View>
      {a.policy.docNumber !== '' && <Text className="my-applications__doc">{a.policy.docNumber}</Text>}
      <View className="my-applications__foot">
        <Text className="my-applications__number">{`编号 ${a.case.number}`}</Text>
        <Text className="my-applications__day">{`${caseDay(a.case.createdAt)} 申请`}</Text>
      </View>
      {a.case.expectedBy && (
        <Text className="my-applications__expected">{expectedReplyText(new Date(a.case.expectedBy), new Date())}</Text>
      )}
    </View>
  );
}

function ToPolicies() {
  return (
    <Button className="qs-btn qs-btn--plain my-applications__go" onClick={() => void openPage(PAGES.policies)}>
      看看为您匹配的政策
    </Button>
  );
}

/** 我的申报: the policies my enterprise applied to enjoy, and where each application stands. */
function Content() {
  const { session, staff, list, unbound } = usePolicyApplications();
  if (!session) {
    return (
      <View className="qs-section my-applications__signed-out">
        <Text className="qs-section__title">登录后查看我的申报</Text>
        <Text className="qs-muted">在符合条件的政策详情中点「申请享受」，申报进度会显示在这里</Text>
        <Button
          className="qs-btn my-applications__login"
          onClick={() => void openPage(`${PAGES.login}?redirect=${encodeURIComponent(PAGES.policyApplications)}`)}
        >
          登录
        </Button>
      </View>
    );
  }
  if (staff) {
    return (
      <View className="qs-section">
        <Text className="qs-section__title">我的申报供企业用户使用</Text>
      </View>
    );
  }
  if (unbound) {
    return (
      <View className="qs-section my-applications__unbound">
        <Text className="qs-section__title">绑定企业后即可一键申报政策</Text>
        <Button className="qs-btn" onClick={() => void openPage(PAGES.bind)}>
          绑定企业
        </Button>
      </View>
    );
  }
  return (
    <StateView {...list.state} emptyText="您还没有申报过政策" emptyAction={<ToPolicies />}>
      {list.items.map((a) => (
        <Entry key={a.case.id} a={a} />
      ))}
      <ListFooter list={list} />
    </StateView>
  );
}

export default function PolicyApplicationsPage() {
  return (
    <PageShell className="my-applications">
      <Content />
    </PageShell>
  );
}
