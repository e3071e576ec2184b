import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import type { StaffItem } from '@qsgj/shared/contracts';
import { ROLE_LABEL } from '@qsgj/shared/enums';
import ListFooter from '@/components/list-footer';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import { AdminOnly } from '@/packages/workbench/components/policy-admin';
import { ButlerChooser, ChoiceChips } from './butler-chooser';
import { ACTIVE_FILTERS, INTRODUCTION_MAX, ROLE_FILTERS, useStaff } from './use-staff';
import './index.scss';

type StaffState = ReturnType<typeof useStaff>;

function Chips<T extends string>(props: {
  items: ReadonlyArray<{ key: T; label: string }>;
  value: T;
  onChange: (key: T) => void;
  className: string;
}) {
  return (
    <View className={`wb-staff__chips ${props.className}`}>
      {props.items.map((f) => (
        <View
          key={f.key}
          className={`wb-staff__chip wb-staff__chip--${f.key}${f.key === props.value ? ' wb-staff__chip--on' : ''}`}
          role="button"
          aria-pressed={f.key === props.value}
          onClick={() => props.onChange(f.key)}
        >
          {f.label}
        </View>
      ))}
    </View>
  );
}

function Filters({ s }: { s: StaffState }) {
  return (
    <View className="qs-section wb-staff__top">
      <View className="wb-staff__search">
        <Input
          className="qs-field__input wb-staff__search-input"
          value={s.input}
          confirmType="search"
          placeholder="搜索用户名或姓名"
          placeholderClass="qs-field__placeholder"
          nativeProps={{ 'aria-label': '搜索工作人员' }}
          onInput={(e) => s.setInput(e.detail.value)}
          onConfirm={s.search}
        />
        <Button className="qs-btn wb-staff__search-go" onClick={s.search}>
          搜索
        </Button>
      </View>
      {s.q && (
        <View className="qs-muted wb-staff__searching" role="button" onClick={s.clearSearch}>
          「{s.q}」的结果 · 清除
        </View>
      )}
      <Chips items={ROLE_FILTERS} value={s.role} onChange={s.setRole} className="wb-staff__roles" />
      <Chips items={ACTIVE_FILTERS} value={s.active} onChange={s.setActive} className="wb-staff__actives" />
      <ChoiceChips
        label="部门"
        none="全部部门"
        options={s.departments.map((d) => ({ value: d.id, label: d.name }))}
        value={s.departmentId}
        onChange={s.setDepartmentId}
        className="wb-staff__department"
      />
    </View>
  );
}

function Deactivate({ s }: { s: StaffState }) {
  const d = s.editing?.deactivate;
  if (!d) return null;
  if (!d.workload) {
    return (
      <View className="wb-staff__deactivate">
        <Text className={s.error ? 'qs-field__error' : 'qs-muted wb-staff__workload'}>
          {s.error ?? '正在统计负责的企业和诉求…'}
        </Text>
        {s.error && (
          <Button className="qs-btn qs-btn--plain wb-staff__deactivate-cancel" onClick={s.cancelDeactivate}>
            返回
          </Button>
        )}
      </View>
    );
  }
  const { enterprises, openCases } = d.workload;
  const needs = enterprises + openCases > 0;
  return (
    <View className="wb-staff__deactivate" role="alert">
      <Text className="wb-staff__workload">
        {needs
          ? `该账号仍负责 ${enterprises} 家企业、${openCases} 件未办结诉求，停用前请选择接手人：企业和诉求将全部交给接手人，并通知接手人和相关企业。`
          : '该账号没有负责的企业和未办结诉求，可以直接停用。'}
      </Text>
      {needs && (
        <ButlerChooser
          label="接手人"
          staff={s.successors.options}
          value={d.successorId}
          onChange={(id) => id && s.chooseSuccessor(id)}
          className="wb-staff__successor"
          loading={s.successors.loading}
          error={s.successors.error}
          onRetry={s.successors.retry}
        />
      )}
      {s.error && <Text className="qs-field__error">{s.error}</Text>}
      <View className="wb-staff__actions">
        <Button
          className="qs-btn qs-btn--danger wb-staff__deactivate-confirm"
          disabled={s.busy || (needs && !d.successorId)}
          loading={s.busy}
          onClick={s.confirmDeactivate}
        >
          {needs ? '确认交接并停用' : '确认停用'}
        </Button>
        <Button className="qs-btn qs-btn--plain wb-staff__deactivate-cancel" onClick={s.cancelDeactivate}>
          取消
        </Button>
      </View>
    </View>
  );
}

function Editor({ s }: { s: StaffState }) {
  const e = s.editing!;
  const self = e.staff.id === s.me;
  return (
    <View className="wb-staff__editor">
      <View className="qs-field">
        <Text className="qs-field__label">个人介绍</Text>
        <Textarea
          className="qs-field__input wb-staff__introduction"
          value={e.introduction}
          maxlength={INTRODUCTION_MAX}
          placeholder="向企业介绍这位管家：经历、擅长领域（最多 300 字）"
          placeholderClass="qs-field__placeholder"
          nativeProps={{ 'aria-label': '个人介绍' }}
          onInput={(ev) => s.setEditing({ ...e, introduction: ev.detail.value })}
        />
        <Text className="qs-field__hint">
          {e.introduction.length}/{INTRODUCTION_MAX}
        </Text>
      </View>
      <View className="qs-field">
        <Text className="qs-field__label">专长</Text>
        <Input
          className="qs-field__input wb-staff__specialties"
          value={e.specialties}
          placeholder="用顿号分隔，如：政策咨询、企业开办"
          placeholderClass="qs-field__placeholder"
          nativeProps={{ 'aria-label': '专长' }}
          onInput={(ev) => s.setEditing({ ...e, specialties: ev.detail.value })}
        />
      </View>
      {!e.deactivate && s.error && <Text className="qs-field__error">{s.error}</Text>}
      {!e.deactivate && (
        <View className="wb-staff__actions">
          <Button className="qs-btn wb-staff__save" disabled={s.busy} loading={s.busy} onClick={s.save}>
            保存
          </Button>
          {e.staff.active && !self && (
            <Button className="qs-btn qs-btn--plain wb-staff__deactivate-start" onClick={s.startDeactivate}>
              停用
            </Button>
          )}
          {!e.staff.active && (
            <Button className="qs-btn qs-btn--plain wb-staff__reactivate" disabled={s.busy} onClick={s.reactivate}>
              启用
            </Button>
          )}
        </View>
      )}
      <Deactivate s={s} />
    </View>
  );
}

function StaffRow({ item, s }: { item: StaffItem; s: StaffState }) {
  const open = s.editing?.staff.id === item.id;
  return (
    <View className={`qs-section wb-staff__row${open ? ' wb-staff__row--open' : ''}`} data-id={item.id}>
      <View className="wb-staff__row-main" role="button" aria-expanded={open} onClick={() => s.open(item)}>
        <View className="wb-staff__row-head">
          <Text className="wb-staff__name">{item.name}</Text>
          <Text className="qs-tag qs-tag--ok wb-staff__role">{ROLE_LABEL[item.role]}</Text>
          {!item.active && <Text className="qs-tag qs-tag--bad wb-staff__inactive">已停用</Text>}
          {item.locked && <Text className="qs-tag qs-tag--wait">已锁定</Text>}
        </View>
        <Text className="wb-staff__meta">
          {item.username} · {item.department?.name ?? '无部门'}
          {item.phone ? ` · ${item.phone}` : ''}
        </Text>
        {item.specialties.length > 0 && <Text className="wb-staff__meta">专长：{item.specialties.join('、')}</Text>}
        {item.introduction && <Text className="wb-staff__intro">{item.introduction}</Text>}
      </View>
      {open && <Editor s={s} />}
    </View>
  );
}

/** 管家管理 (admins): staff by username, filters, 个人介绍 and 专长, deactivation with handover. */
function Staff() {
  const s = useStaff();
  if (!s.admin) return <AdminOnly what="管家管理" />;
  return (
    <View className="wb-staff">
      <Filters s={s} />
      <StateView {...s.list.state} emptyText={s.q ? '没有找到相关人员' : '该条件下暂无人员'}>
        {s.list.items.map((item) => (
          <StaffRow key={item.id} item={item} s={s} />
        ))}
        <ListFooter list={s.list} />
      </StateView>
    </View>
  );
}

export default function WorkbenchStaffPage() {
  return (
    <PageShell className="workbench-staff">
      <Staff />
    </PageShell>
  );
}
