import { Button, Text, View } from '@tarojs/components';
import type { CaseSummary } from '@qsgj/shared/contracts';
import { CASE_STATE_LABEL, CASE_TYPE_LABEL } from '@qsgj/shared/enums';
import { expectedReplyText } from '@qsgj/shared/rules';
import ListFooter from '@/components/list-footer';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import { openPage, PAGES } from '@/utils/routes';
import { CASE_TABS, useMyCases } from './use-my-cases';
import './index.scss';

function SignedOut({ back }: { back: string }) {
  return (
    <View className="qs-section my-cases__signed-out">
      <Text className="qs-section__title">登录后查看我的诉求</Text>
      <Text className="qs-muted">您提交的咨询、投诉及办理进度都在这里</Text>
      <Button
        className="qs-btn my-cases__login"
        onClick={() => void openPage(`${PAGES.login}?redirect=${encodeURIComponent(back)}`)}
      >
        登录
      </Button>
    </View>
  );
}

function StaffNotice() {
  return (
    <View className="qs-section">
      <Text className="qs-section__title">请在管家工作台办理诉求</Text>
      <Button className="qs-btn" onClick={() => void openPage(PAGES.workbench)}>
        进入管家工作台
      </Button>
    </View>
  );
}

function NewCaseButtons() {
  return (
    <View className="my-cases__new">
      <Button className="qs-btn my-cases__new-consult" onClick={() => void openPage(`${PAGES.caseNew}?type=consult`)}>
        我要咨询
      </Button>
      <Button
        className="qs-btn qs-btn--plain my-cases__new-complaint"
        onClick={() => void openPage(`${PAGES.caseNew}?type=complaint`)}
      >
        我要投诉
      </Button>
    </View>
  );
}

function CaseRow({ c }: { c: CaseSummary }) {
  return (
    <View className={`my-cases__item my-cases__item--${c.state}`} data-id={c.id}>
      <View className="my-cases__link" role="button" onClick={() => void openPage(`${PAGES.caseDetail}?id=${c.id}`)}>
        <View className="my-cases__head">
          <Text className={`my-cases__type my-cases__type--${c.type}`}>{CASE_TYPE_LABEL[c.type]}</Text>
          <Text className="my-cases__number">{c.number}</Text>
          <Text className={`my-cases__state my-cases__state--${c.state}`}>{CASE_STATE_LABEL[c.state]}</Text>
        </View>
        <Text className="my-cases__excerpt">{c.excerpt}</Text>
        <View className="my-cases__foot">
          {c.paused ? (
            <Text className="my-cases__paused">待补充材料</Text>
          ) : (
            c.expectedBy && (
              <Text className="my-cases__expected">{expectedReplyText(new Date(c.expectedBy), new Date())}</Text>
            )
          )}
          {c.department && <Text className="qs-muted my-cases__department">{c.department.name}</Text>}
        </View>
      </View>
      {c.awaitingRating && (
        <Button className="qs-btn my-cases__rate" onClick={() => void openPage(`${PAGES.caseRate}?id=${c.id}`)}>
          去评价
        </Button>
      )}
    </View>
  );
}

const EMPTY_TEXT = {
  all: '您还没有提交过诉求',
  open: '没有办理中的诉求',
  rate: '没有待评价的诉求',
  done: '没有已完结的诉求',
} as const;

/** 我的诉求: the enterprise's cases by tab, each with its state and the date it can expect an answer. */
function MyCases() {
  const { session, staff, tab, setTab, list } = useMyCases();
  if (!session) return <SignedOut back={`${PAGES.myCases}${tab === 'rate' ? '?filter=rate' : ''}`} />;
  if (staff) return <StaffNotice />;
  return (
    <>
      <View className="my-cases__tabs">
        {CASE_TABS.map((t) => (
          <View
            key={t.key}
            className={`my-cases__tab${t.key === tab ? ' my-cases__tab--active' : ''}`}
            data-tab={t.key}
            role="button"
            aria-pressed={t.key === tab}
            onClick={() => setTab(t.key)}
          >
            {t.label}
          </View>
        ))}
      </View>
      <StateView {...list.state} emptyText={EMPTY_TEXT[tab]} emptyAction={<NewCaseButtons />}>
        {list.items.map((c) => (
          <CaseRow key={c.id} c={c} />
        ))}
        <ListFooter list={list} />
      </StateView>
    </>
  );
}

export default function MyCasesPage() {
  return (
    <PageShell className="my-cases">
      <MyCases />
    </PageShell>
  );
}
