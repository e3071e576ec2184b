import { Button, Input, Text, View } from '@tarojs/components';
import type { AdminEnterpriseItem, ButlerChangeKind } from '@qsgj/shared/contracts';
import ListFooter from '@/components/list-footer';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import { AdminOnly, policyTime } from '@/packages/workbench/components/policy-admin';
import { ButlerChooser, ChoiceChips } from '@/packages/workbench/pages/staff/butler-chooser';
import { useAssignments } from './use-assignments';
import './index.scss';

type AssignmentsState = ReturnType<typeof useAssignments>;

/** Why the butler changed, as the history says it. */
const KIND_LABEL: Record<ButlerChangeKind, string> = { single: '指派', bulk: '批量分配', handover: '停用交接' };

function Bulk({ a }: { a: AssignmentsState }) {
  return (
    <View className="qs-section wb-assign__bulk">
      <View className="wb-assign__bulk-head" role="button" aria-expanded={a.bulkOpen} onClick={a.toggleBulk}>
        <Text className="qs-section__title">批量分配</Text>
        <Text className="wb-assign__bulk-toggle">{a.bulkOpen ? '收起' : '展开'}</Text>
      </View>
      <Text className="qs-muted">按区县、园区或原管家选出企业（同时选择的条件须全部满足），统一交给一位管家服务。</Text>
      {a.bulkOpen && <BulkForm a={a} />}
    </View>
  );
}

function BulkForm({ a }: { a: AssignmentsState }) {
  const target = a.butlers.options.find((s) => s.id === a.form.butlerId);
  return (
    <View className="wb-assign__bulk-form">
      <ChoiceChips
        label="区县"
        none="不限"
        options={a.districts.map((d) => ({ value: d, label: d }))}
        value={a.form.district}
        onChange={(district) => a.changeForm({ district })}
        className="wb-assign__bulk-district"
      />
      <View className="qs-field">
        <Text className="qs-field__label">园区</Text>
        <Input
          className="qs-field__input wb-assign__bulk-park"
          value={a.form.park}
          placeholder="不限（填写园区名称）"
          placeholderClass="qs-field__placeholder"
          nativeProps={{ 'aria-label': '园区' }}
          onInput={(e) => a.changeForm({ park: e.detail.value })}
        />
      </View>
      <ButlerChooser
        label="原管家"
        none="不限"
        staff={a.butlers.options}
        value={a.form.fromButlerId}
        onChange={(fromButlerId) => a.changeForm({ fromButlerId })}
        className="wb-assign__bulk-from"
        loading={a.butlers.loading}
        error={a.butlers.error}
        onRetry={a.butlers.retry}
      />
      <ButlerChooser
        label="分配给"
        staff={a.butlers.options}
        value={a.form.butlerId}
        onChange={(butlerId) => a.changeForm({ butlerId })}
        className="wb-assign__bulk-to"
        loading={a.butlers.loading}
      />
      {a.error && !a.opened && <Text className="qs-field__error wb-assign__error">{a.error}</Text>}
      {!a.preview && (
        <Button className="qs-btn wb-assign__preview" disabled={a.busy} loading={a.busy} onClick={a.previewBulk}>
          预览
        </Button>
      )}
      {a.preview && (
        <View className="wb-assign__confirm" role="alert">
          <Text className="wb-assign__confirm-text">
            {a.preview.matched === 0
              ? '没有符合条件的企业。'
              : `符合条件的企业 ${a.preview.matched} 家，其中 ${a.preview.changed} 家将改由${target?.name ?? a.preview.butler.name}服务（${a.preview.unchanged} 家已由其服务）。将通知相关管家和企业。`}
          </Text>
          <View className="wb-assign__actions">
            <Button
              className="qs-btn wb-assign__confirm-go"
              disabled={a.busy || a.preview.changed === 0}
              loading={a.busy}
              onClick={a.confirmBulk}
            >
              确认分配
            </Button>
            <Button className="qs-btn qs-btn--plain wb-assign__confirm-cancel" onClick={a.cancelPreview}>
              取消
            </Button>
          </View>
        </View>
      )}
      {a.result && (
        <View className="wb-assign__result" role="status">
          已完成：匹配 {a.result.matched} 家，变更 {a.result.changed} 家，未变 {a.result.unchanged} 家。
        </View>
      )}
    </View>
  );
}

function History({ a }: { a: AssignmentsState }) {
  const o = a.opened!;
  return (
    <View className="wb-assign__history">
      <Text className="wb-assign__history-title">管家变更记录</Text>
      {o.history.length === 0 && !o.historyLoading && !o.historyError && <Text className="qs-muted">暂无变更记录</Text>}
      {o.history.map((h) => (
        <View key={h.id} className="wb-assign__history-line">
          <Text className="wb-assign__history-when">
            {policyTime(h.at)} · {KIND_LABEL[h.kind]}
          </Text>
          <Text>
            {h.from?.name ?? '未分配'} → {h.to?.name ?? '未分配'}
            {h.by ? `（${h.by.name}）` : ''}
          </Text>
        </View>
      ))}
      {o.historyLoading && <Text className="qs-muted">正在加载…</Text>}
      {o.historyError && (
        <Text className="qs-field__error" onClick={a.moreHistory}>
          {o.historyError}
        </Text>
      )}
      {o.nextCursor && !o.historyLoading && (
        <View className="qs-list-footer" role="button" onClick={a.moreHistory}>
          <Text>更多记录</Text>
        </View>
      )}
    </View>
  );
}

function EnterpriseRow({ e, a }: { e: AdminEnterpriseItem; a: AssignmentsState }) {
  const open = a.opened?.enterprise.id === e.id;
  return (
    <View className={`qs-section wb-assign__row${open ? ' wb-assign__row--open' : ''}`} data-id={e.id}>
      <View className="wb-assign__row-main" role="button" aria-expanded={open} onClick={() => a.open(e)}>
        <Text className="wb-assign__name">{e.name}</Text>
        <Text className="wb-assign__meta">
          {[e.district, e.park].filter(Boolean).join(' · ') || '未填区县'} · {e.creditCode}
        </Text>
        <Text className={`wb-assign__butler${e.butler ? '' : ' wb-assign__butler--none'}`}>
          管家：{e.butler?.name ?? '未分配'}
        </Text>
      </View>
      {open && (
        <View className="wb-assign__editor">
          <ButlerChooser
            label="指派管家"
            staff={a.butlers.options}
            value={a.opened?.butlerId}
            onChange={(id) => id && a.chooseButler(id)}
            className="wb-assign__one-butler"
            loading={a.butlers.loading}
            error={a.butlers.error}
            onRetry={a.butlers.retry}
          />
          {a.error && <Text className="qs-field__error">{a.error}</Text>}
          <Button
            className="qs-btn wb-assign__one-go"
            disabled={a.busy || !a.opened?.butlerId || a.opened.butlerId === e.butler?.id}
            loading={a.busy}
            onClick={a.assign}
          >
            指派
          </Button>
          <History a={a} />
        </View>
      )}
    </View>
  );
}

/** 企业分配 (admins): each enterprise's butler, one at a time or in bulk by 区县 / 园区 / 原管家. */
function Assignments() {
  const a = useAssignments();
  if (!a.admin) return <AdminOnly what="企业分配" />;
  return (
    <View className="wb-assign">
      <Bulk a={a} />
      <View className="qs-section wb-assign__top">
        <Text className="qs-section__title">企业列表</Text>
        <View className="wb-assign__search">
          <Input
            className="qs-field__input wb-assign__search-input"
            value={a.input}
            confirmType="search"
            placeholder="搜索企业名称或信用代码"
            placeholderClass="qs-field__placeholder"
            nativeProps={{ 'aria-label': '搜索企业' }}
            onInput={(e) => a.setInput(e.detail.value)}
            onConfirm={a.search}
          />
          <Button className="qs-btn wb-assign__search-go" onClick={a.search}>
            搜索
          </Button>
        </View>
        {a.q && (
          <View className="qs-muted wb-assign__searching" role="button" onClick={a.clearSearch}>
            「{a.q}」的结果 · 清除
          </View>
        )}
        <ChoiceChips
          label="区县"
          none="全部区县"
          options={a.districts.map((d) => ({ value: d, label: d }))}
          value={a.district}
          onChange={a.setDistrict}
          className="wb-assign__district"
        />
      </View>
      <StateView {...a.list.state} emptyText={a.q ? '没有找到相关企业' : '暂无企业'}>
        {a.list.items.map((e) => (
          <EnterpriseRow key={e.id} e={e} a={a} />
        ))}
        <ListFooter list={a.list} />
      </StateView>
    </View>
  );
}

export default function WorkbenchAssignmentsPage() {
  return (
    <PageShell className="workbench-assignments">
      <Assignments />
    </PageShell>
  );
}
