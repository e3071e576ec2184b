import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import Field from '@/components/field';
import PageShell from '@/components/page-shell';
import { ActionBar, ConfirmBox, EditorButton, EditorShell } from '@/packages/workbench/components/editor-shell';
import {
  EVENT_KIND_TEXT,
  EVENT_KINDS,
  EVENT_LIMITS,
  EventStatusTag,
} from '@/packages/workbench/components/event-admin';
import { PolicyMultiSelect } from '@/packages/workbench/components/policy-form';
import { type EventForm, type Moment, MOMENTS } from './form';
import { useEventEdit } from './use-event-edit';
import './index.scss';

type Edit = ReturnType<typeof useEventEdit>;

const BLOCK = 'wb-event-edit';

function FieldError({ text }: { text: string | undefined }) {
  return text ? <Text className="qs-field__error">{text}</Text> : null;
}

function When({ e, m }: { e: Edit; m: Moment }) {
  const f = e.form!;
  return (
    <View className={`qs-field wb-event-edit__moment wb-event-edit__${m.field}`}>
      <Text className="qs-field__label">{m.label}（北京时间）</Text>
      <View className="wb-event-edit__when">
        <Picker
          mode="date"
          className={`wb-event-edit__picker-day wb-event-edit__${m.field}-day`}
          value={f[m.day]}
          onChange={(ev) => e.set(m.day, String(ev.detail.value))}
        >
          <View className="qs-field__input wb-event-edit__day">{f[m.day] || '选择日期'}</View>
        </Picker>
        <Picker
          mode="time"
          className={`wb-event-edit__picker-time wb-event-edit__${m.field}-time`}
          value={f[m.time]}
          onChange={(ev) => e.set(m.time, String(ev.detail.value))}
        >
          <View className="qs-field__input wb-event-edit__time">{f[m.time] || '选择时间'}</View>
        </Picker>
      </View>
      <FieldError text={e.errors[m.field]} />
    </View>
  );
}

function Materials({ e }: { e: Edit }) {
  const rows = e.form!.materials;
  const change = (i: number, key: 'name' | 'url', value: string) =>
    e.set(
      'materials',
      rows.map((r, j) => (j === i ? { ...r, [key]: value } : r)),
    );
  return (
    <View className="qs-field wb-event-edit__materials">
      <Text className="qs-field__label">活动资料（课件、政策汇编等链接）</Text>
      {rows.map((r, i) => (
        <View key={i} className="wb-event-edit__material">
          <Input
            className="qs-field__input wb-event-edit__material-name"
            value={r.name}
            maxlength={EVENT_LIMITS.materialName}
            placeholder="资料名称"
            placeholderClass="qs-field__placeholder"
            nativeProps={{ 'aria-label': `资料${i + 1}名称` }}
            onInput={(ev) => change(i, 'name', ev.detail.value)}
          />
          <Input
            className="qs-field__input wb-event-edit__material-url"
            value={r.url}
            maxlength={EVENT_LIMITS.url}
            placeholder="https:// 链接"
            placeholderClass="qs-field__placeholder"
            nativeProps={{ 'aria-label': `资料${i + 1}链接` }}
            onInput={(ev) => change(i, 'url', ev.detail.value)}
          />
          <FieldError text={e.errors[`materials.${i}.name`] ?? e.errors[`materials.${i}.url`]} />
          <View
            className="wb-event-edit__link wb-event-edit__material-remove"
            role="button"
            onClick={() =>
              e.set(
                'materials',
                rows.filter((_, j) => j !== i),
              )
            }
          >
            删除资料
          </View>
        </View>
      ))}
      {rows.length < EVENT_LIMITS.materials && (
        <View
          className="wb-event-edit__link wb-event-edit__material-add"
          role="button"
          onClick={() => e.set('materials', [...rows, { name: '', url: '' }])}
        >
          ＋ 添加资料
        </View>
      )}
      {e.errors.materials &&
        !rows.some((_, i) => e.errors[`materials.${i}.name`] || e.errors[`materials.${i}.url`]) && (
          <FieldError text={e.errors.materials} />
        )}
    </View>
  );
}

function Department({ e }: { e: Edit }) {
  const f = e.form!;
  const list = e.departments ?? [];
  const names = ['不指定', ...list.map((d) => d.name)];
  const index = Math.max(0, list.findIndex((d) => d.id === f.organizerDepartmentId) + 1);
  const current = list.find((d) => d.id === f.organizerDepartmentId)?.name ?? e.saved?.organizerDepartment ?? '不指定';
  return (
    <View className="qs-field wb-event-edit__department">
      <Text className="qs-field__label">主办部门</Text>
      <Picker
        mode="selector"
        className="wb-event-edit__department-picker"
        range={names}
        value={index}
        disabled={!e.departments}
        onChange={(ev) => e.set('organizerDepartmentId', list[Number(ev.detail.value) - 1]?.id ?? '')}
      >
        <View className="qs-field__input wb-event-edit__picker">{current} ▾</View>
      </Picker>
      <FieldError text={e.errors.organizerDepartmentId} />
    </View>
  );
}

function Form({ e }: { e: Edit }) {
  const f = e.form!;
  const text = (key: keyof EventForm) => (v: string) => e.set(key, v as never);
  return (
    <>
      <View className="qs-section wb-event-edit__basics">
        <Text className="qs-section__title">基本信息</Text>
        <View className="qs-field wb-event-edit__kind">
          <Text className="qs-field__label">活动类型</Text>
          <Picker
            mode="selector"
            className="wb-event-edit__kind-picker"
            range={EVENT_KINDS.map((k) => EVENT_KIND_TEXT[k])}
            value={EVENT_KINDS.indexOf(f.kind)}
            onChange={(ev) => e.set('kind', EVENT_KINDS[Number(ev.detail.value)] ?? f.kind)}
          >
            <View className="qs-field__input wb-event-edit__picker">{EVENT_KIND_TEXT[f.kind]} ▾</View>
          </Picker>
          <FieldError text={e.errors.kind} />
        </View>
        <Field
          label="标题"
          inputClass="wb-event-edit__title"
          value={f.title}
          maxlength={EVENT_LIMITS.title}
          onInput={text('title')}
          error={e.errors.title}
        />
        <Field
          label={f.kind === 'reception_day' || f.kind === 'policy_tour' ? '出席领导及部门' : '主讲人'}
          inputClass="wb-event-edit__speakers"
          value={f.speakers}
          maxlength={EVENT_LIMITS.speakers}
          onInput={text('speakers')}
          error={e.errors.speakers}
        />
        {MOMENTS.map((m) => (
          <When key={m.field} e={e} m={m} />
        ))}
        <Field
          label="名额"
          inputClass="wb-event-edit__capacity"
          value={f.capacity}
          maxlength={6}
          placeholder="如 100"
          onInput={text('capacity')}
          error={e.errors.capacity}
        />
      </View>

      <View className="qs-section wb-event-edit__where">
        <Text className="qs-section__title">地点</Text>
        <Field
          label="活动地点"
          inputClass="wb-event-edit__place"
          value={f.place}
          maxlength={EVENT_LIMITS.place}
          placeholder="线下活动填写；线上活动可不填"
          onInput={text('place')}
          error={e.errors.place}
        />
        <Field
          label="线上链接"
          inputClass="wb-event-edit__online"
          value={f.onlineUrl}
          maxlength={EVENT_LIMITS.url}
          placeholder="https://（直播或会议链接）"
          onInput={text('onlineUrl')}
          error={e.errors.onlineUrl}
        />
        <Field
          label="纬度（可选）"
          inputClass="wb-event-edit__latitude"
          value={f.latitude}
          maxlength={20}
          placeholder="如 27.8297"
          onInput={text('latitude')}
          error={e.errors.latitude}
        />
        <Field
          label="经度（可选）"
          inputClass="wb-event-edit__longitude"
          value={f.longitude}
          maxlength={20}
          placeholder="如 112.9442"
          onInput={text('longitude')}
          error={e.errors.longitude}
        />
      </View>

      <View className="qs-section wb-event-edit__audience">
        <Text className="qs-section__title">面向对象</Text>
        <PolicyMultiSelect
          label="面向区域"
          className="wb-event-edit__districts"
          options={e.districtOptions}
          selected={f.audienceDistricts}
          onChange={(v) => e.set('audienceDistricts', v)}
          emptyText="全部区域"
          error={e.errors.audienceDistricts}
        />
        <PolicyMultiSelect
          label="面向行业"
          className="wb-event-edit__industries"
          options={e.industryOptions}
          selected={f.audienceIndustries}
          onChange={(v) => e.set('audienceIndustries', v)}
          emptyText="全部行业"
          error={e.errors.audienceIndustries}
        />
        <Department e={e} />
      </View>

      <View className="qs-section wb-event-edit__content">
        <Text className="qs-section__title">内容</Text>
        <View className="qs-field">
          <Text className="qs-field__label">活动介绍</Text>
          <Textarea
            className="wb-event-edit__textarea wb-event-edit__description"
            value={f.description}
            maxlength={EVENT_LIMITS.description}
            placeholder="活动内容、对象、注意事项"
            placeholderClass="qs-field__placeholder"
            nativeProps={{ 'aria-label': '活动介绍' }}
            onInput={(ev) => e.set('description', ev.detail.value)}
          />
          <FieldError text={e.errors.description} />
        </View>
        <Materials e={e} />
        <Field
          label="回放链接（活动结束后）"
          inputClass="wb-event-edit__replay"
          value={f.replayUrl}
          maxlength={EVENT_LIMITS.url}
          placeholder="https://"
          onInput={text('replayUrl')}
          error={e.errors.replayUrl}
        />
      </View>
    </>
  );
}

function Actions({ e }: { e: Edit }) {
  const status = e.saved?.status ?? 'draft';
  const ended = e.saved?.ended ?? false;
  const b = { block: BLOCK, busy: e.busy };
  return (
    <ActionBar block={BLOCK} dirty={e.dirty} error={e.error}>
      {e.confirm === 'publish' && (
        <ConfirmBox
          {...b}
          kind="publish"
          text="发布后企业即可在潭商讲堂看到并报名。确定发布吗？"
          action="确定发布"
          actionName="publish-confirm"
          cancel="返回"
          cancelName="confirm-close"
          onConfirm={e.publish}
          onCancel={e.closeConfirm}
        />
      )}
      {e.confirm === 'cancel' && (
        <ConfirmBox
          {...b}
          kind="cancel"
          text="取消后所有报名和候补的企业都会收到通知（附取消原因），活动不能再恢复。"
          action="确定取消活动"
          actionName="cancel-confirm"
          danger
          cancel="返回"
          cancelName="confirm-close"
          onConfirm={e.cancelEvent}
          onCancel={e.closeConfirm}
        >
          <Textarea
            className="wb-event-edit__textarea wb-event-edit__reason"
            value={e.reason}
            maxlength={EVENT_LIMITS.cancelReason}
            placeholder="取消原因（必填，将告知报名企业）"
            placeholderClass="qs-field__placeholder"
            nativeProps={{ 'aria-label': '取消原因' }}
            onInput={(ev) => e.setReason(ev.detail.value)}
          />
          <FieldError text={e.errors.reason} />
        </ConfirmBox>
      )}
      {!e.confirm && status !== 'cancelled' && (
        <>
          <EditorButton {...b} name="save" tone="plain" spin onClick={e.save}>
            {status === 'published' ? '保存修改' : '保存草稿'}
          </EditorButton>
          {status === 'draft' && (
            <EditorButton {...b} name="publish" onClick={e.askPublish}>
              发布
            </EditorButton>
          )}
          {e.id && !ended && (
            <EditorButton {...b} name="cancel" tone="danger" onClick={e.askCancel}>
              取消活动
            </EditorButton>
          )}
        </>
      )}
      {status === 'cancelled' && (
        <Text className="wb-event-edit__cancelled">
          活动已取消{e.saved?.cancelReason ? `：${e.saved.cancelReason}` : ''}
        </Text>
      )}
    </ActionBar>
  );
}

/** 编辑活动 (admins): every field of an event, 保存草稿 / 发布 / 取消活动. */
function EventEditor() {
  const e = useEventEdit();
  return (
    <EditorShell
      block={BLOCK}
      what="潭商讲堂活动"
      edit={e}
      tag={
        e.saved ? (
          <EventStatusTag event={e.saved} />
        ) : (
          <Text className="qs-tag qs-tag--wait event-status event-status--draft">草稿</Text>
        )
      }
      heading={e.id ? '编辑活动' : '新建活动'}
    >
      {() => (
        <>
          <Form e={e} />
          <Actions e={e} />
        </>
      )}
    </EditorShell>
  );
}

export default function EventEditPage() {
  return (
    <PageShell className="event-edit">
      <EventEditor />
    </PageShell>
  );
}
