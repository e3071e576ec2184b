import { Button, Picker, Text, View } from '@tarojs/components';
import {
  CASE_SOURCE_LABEL,
  CASE_TYPE_LABEL,
  CaseSource,
  CaseType,
  type CaseSource as CaseSourceValue,
  type CaseType as CaseTypeValue,
  ROLE_LABEL,
} from '@qsgj/shared/enums';
import ListFooter from '@/components/list-footer';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import { PAGES } from '@/utils/routes';
import CaseDetail from '@/packages/workbench/components/case-detail';
import QueueRow from '@/packages/workbench/components/queue-row';
import { useWorkbench } from './use-workbench';
import './index.scss';

type WB = ReturnType<typeof useWorkbench>;

const TYPES = Object.values(CaseType) as CaseTypeValue[];
const SOURCES = Object.values(CaseSource) as CaseSourceValue[];

function Head({ wb }: { wb: WB }) {
  const { user, menu } = wb;
  return (
    <View className="qs-section workbench__head wb-queue__head">
      <View className="wb-queue__head-row">
        <View className="wb-queue__who">
          <Text className="workbench__title">管家工作台</Text>
          {user && (
            <Text className="workbench__who">
              {user.displayName} · {ROLE_LABEL[user.role]}
            </Text>
          )}
        </View>
        <Button className="qs-btn qs-btn--plain wb-queue__menu-toggle" onClick={menu.toggle}>
          {menu.open ? '收起' : '账号'}
        </Button>
      </View>
      {menu.open && (
        <View className="wb-queue__menu">
          <Button className="qs-btn qs-btn--plain wb-queue__menu-item" onClick={menu.changePassword}>
            修改密码
          </Button>
          <Button className="qs-btn qs-btn--plain wb-queue__menu-item" onClick={menu.messages}>
            我的消息
          </Button>
          <Button className="qs-btn qs-btn--plain wb-queue__menu-item wb-queue__sign-out" onClick={menu.signOut}>
            退出登录
          </Button>
        </View>
      )}
      <View className="wb-queue__links">
        {wb.links.map((l) => (
          <Button
            key={l.key}
            className={`qs-btn qs-btn--plain wb-queue__link wb-queue__link--${l.key}`}
            onClick={() => wb.openLink(l.url)}
          >
            {l.label}
          </Button>
        ))}
        {wb.policyLinks.map((l) => (
          <Button
            key={l.key}
            className={`qs-btn qs-btn--plain wb-queue__admin-link wb-queue__admin-link--${l.key}`}
            onClick={() => wb.openLink(l.url)}
          >
            {l.label}
          </Button>
        ))}
      </View>
    </View>
  );
}

function Filters({ wb }: { wb: WB }) {
  const typeIndex = wb.type ? TYPES.indexOf(wb.type) + 1 : 0;
  const sourceIndex = wb.source ? SOURCES.indexOf(wb.source) + 1 : 0;
  return (
    <View className="wb-queue__filters">
      <View className="wb-queue__chips">
        {wb.filters.map((f) => {
          const active = f.key === wb.filter;
          const n = wb.counts.data?.[f.key];
          return (
            <Button
              key={f.key}
              className={`wb-queue__chip wb-queue__chip--${f.key}${active ? ' wb-queue__chip--active' : ''}`}
              data-filter={f.key}
              onClick={() => wb.setFilter(f.key)}
            >
              {f.label}
              {typeof n === 'number' && <Text className="wb-queue__chip-count"> {n}</Text>}
            </Button>
          );
        })}
      </View>
      <View className="wb-queue__pickers">
        <Picker
          mode="selector"
          range={['全部类型', ...TYPES.map((t) => CASE_TYPE_LABEL[t])]}
          value={typeIndex}
          onChange={(e) => wb.setType(TYPES[Number(e.detail.value) - 1])}
        >
          <View className="wb-queue__picker wb-queue__picker--type">
            {wb.type ? CASE_TYPE_LABEL[wb.type] : '全部类型'} ▾
          </View>
        </Picker>
        <Picker
          mode="selector"
          range={['全部来源', ...SOURCES.map((s) => CASE_SOURCE_LABEL[s])]}
          value={sourceIndex}
          onChange={(e) => wb.setSource(SOURCES[Number(e.detail.value) - 1])}
        >
          <View className="wb-queue__picker wb-queue__picker--source">
            {wb.source ? CASE_SOURCE_LABEL[wb.source] : '全部来源'} ▾
          </View>
        </Picker>
      </View>
    </View>
  );
}

function Queue({ wb }: { wb: WB }) {
  const { list } = wb;
  return (
    <View className="wb-queue">
      <Head wb={wb} />
      {wb.calendarMissing && (
        <View
          className="qs-section wb-queue__calendar-warning"
          role="button"
          onClick={() => wb.openLink(PAGES.calendar)}
        >
          <Text className="wb-queue__calendar-warning-text">
            {`${wb.calendarMissing} 年节假日安排尚未录入：跨年的办理时限暂按周末计算，请在「工作日历」中录入`}
          </Text>
        </View>
      )}
      <Filters wb={wb} />
      <View className="wb-queue__list">
        <StateView {...list.state} emptyText="该筛选下暂无诉求">
          {list.items.map((c) => (
            <QueueRow key={c.id} c={c} selected={wb.wide && c.id === wb.selectedId} onOpen={wb.open} />
          ))}
          <ListFooter list={list} />
        </StateView>
      </View>
    </View>
  );
}

/** 管家工作台: the case queue; on a wide screen (H5 ≥ 900 px) the selected case beside it. */
function Workbench() {
  const wb = useWorkbench();
  if (!wb.wide) return <Queue wb={wb} />;
  return (
    <View className="wb-desk">
      <View className="wb-desk__queue">
        <Queue wb={wb} />
      </View>
      <View className="wb-desk__detail">
        {wb.selectedId ? (
          <CaseDetail key={wb.selectedId} id={wb.selectedId} embedded onChange={wb.changed} />
        ) : (
          <View className="qs-section wb-desk__empty">
            <Text className="qs-muted">选择左侧的诉求，在这里查看和办理</Text>
          </View>
        )}
      </View>
    </View>
  );
}

export default function WorkbenchPage() {
  return (
    <PageShell className="workbench">
      <Workbench />
    </PageShell>
  );
}
