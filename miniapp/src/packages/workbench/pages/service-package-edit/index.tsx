import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { ENTERPRISE_SCALE_LABEL, EnterpriseScale, type EnterpriseScale as Scale } from '@qsgj/shared/enums';
import Field from '@/components/field';
import PageShell from '@/components/page-shell';
import { ActionBar, ConfirmBox, EditorButton, EditorShell } from '@/packages/workbench/components/editor-shell';
import { PolicyMultiSelect } from '@/packages/workbench/components/policy-form';
import { materialsOf, type PackageForm } from './form';
import { usePackageEdit } from './use-package-edit';
import './index.scss';

type Edit = ReturnType<typeof usePackageEdit>;

const BLOCK = 'wb-package';

const SCALE_OPTIONS = (Object.values(EnterpriseScale) as Scale[]).map((s) => ({
  value: s,
  label: ENTERPRISE_SCALE_LABEL[s],
}));
const ANY = '不限';

function Department({ e }: { e: Edit }) {
  const f = e.form!;
  const index = e.departments.findIndex((d) => d.id === f.departmentId);
  return (
    <View className="qs-field wb-package__department">
      <Text className="qs-field__label">提供部门</Text>
      <Picker
        mode="selector"
        range={e.departments.map((d) => d.name)}
        value={Math.max(index, 0)}
        onChange={(ev) => {
          const d = e.departments[Number(ev.detail.value)];
          if (d) e.set('departmentId', d.id);
        }}
      >
        <View className="qs-field__input wb-package__picker">{e.departmentName || '请选择 ▾'}</View>
      </Picker>
      {e.errors.departmentId && <Text className="qs-field__error">{e.errors.departmentId}</Text>}
    </View>
  );
}

function TextArea({
  e,
  field,
  label,
  placeholder,
  hint,
}: {
  e: Edit;
  field: 'description' | 'materials';
  label: string;
  placeholder: string;
  hint?: string;
}) {
  return (
    <View className={`qs-field wb-package__${field}`}>
      <Text className="qs-field__label">{label}</Text>
      <Textarea
        className="wb-package__textarea"
        value={e.form![field]}
        maxlength={-1}
        placeholder={placeholder}
        placeholderClass="qs-field__placeholder"
        disableDefaultPadding
        nativeProps={{ 'aria-label': label }}
        onInput={(ev) => e.set(field, ev.detail.value)}
      />
      {e.errors[field] ? (
        <Text className="qs-field__error">{e.errors[field]}</Text>
      ) : (
        hint && <Text className="qs-field__hint">{hint}</Text>
      )}
    </View>
  );
}

function Form({ e }: { e: Edit }) {
  const f = e.form!;
  const text = (key: keyof PackageForm) => (v: string) => e.set(key, v as never);
  return (
    <>
      <View className="qs-section wb-package__basics">
        <Text className="qs-section__title">基本信息</Text>
        <Field
          label="服务名称"
          inputClass="wb-package__name"
          value={f.name}
          maxlength={50}
          placeholder="如 企业法律体检"
          onInput={text('name')}
          error={e.errors.name}
        />
        <Department e={e} />
        <View className="qs-field wb-package__days">
          <Text className="qs-field__label">办理时限（工作日）</Text>
          <Input
            className="qs-field__input wb-package__days-input"
            type="number"
            value={f.timeLimitDays}
            maxlength={2}
            nativeProps={{ 'aria-label': '办理时限（工作日）' }}
            onInput={(ev) => e.set('timeLimitDays', ev.detail.value)}
          />
          {e.errors.timeLimitDays && <Text className="qs-field__error">{e.errors.timeLimitDays}</Text>}
        </View>
        <TextArea e={e} field="description" label="服务介绍" placeholder="服务内容、方式、费用等；第一行作为列表摘要" />
        <TextArea e={e} field="materials" label="所需材料" placeholder="每行一项" hint="每行一项，可留空" />
      </View>
      <View className="qs-section wb-package__eligibility">
        <Text className="qs-section__title">申请条件（不选为不限）</Text>
        <PolicyMultiSelect
          label="适用行业"
          className="wb-package__industries"
          options={e.options('industries')}
          selected={f.industries}
          onChange={(v) => e.set('industries', v)}
          error={e.errors.industries}
        />
        <PolicyMultiSelect
          label="适用规模"
          className="wb-package__scales"
          options={SCALE_OPTIONS}
          selected={f.scales}
          onChange={(v) => e.set('scales', v as Scale[])}
          error={e.errors.scales}
        />
        <PolicyMultiSelect
          label="适用区域"
          className="wb-package__districts"
          options={e.options('districts')}
          selected={f.districts}
          onChange={(v) => e.set('districts', v)}
          error={e.errors.districts}
        />
        <PolicyMultiSelect
          label="资质要求（具备其一即可）"
          className="wb-package__qualifications"
          options={e.options('qualifications')}
          selected={f.qualifications}
          onChange={(v) => e.set('qualifications', v)}
          error={e.errors.qualifications}
        />
      </View>
    </>
  );
}

/** The package as an enterprise will read it on 服务详情. */
function Preview({ e }: { e: Edit }) {
  const f = e.form!;
  const materials = materialsOf(f.materials);
  const rows = [
    ['适用行业', f.industries.join('、') || ANY],
    ['企业规模', f.scales.map((s) => ENTERPRISE_SCALE_LABEL[s]).join('、') || ANY],
    ['适用区域', f.districts.join('、') || ANY],
    ['资质要求', f.qualifications.join('、') || ANY],
  ];
  return (
    <View className="wb-package__preview">
      <View className="qs-section">
        <Text className="wb-package__preview-title">{f.name || '（未填写服务名称）'}</Text>
        <Text className="qs-muted">{`${e.departmentName || '（未选择部门）'} · ${f.timeLimitDays} 个工作日内办结`}</Text>
      </View>
      <View className="qs-section">
        <Text className="qs-section__title">服务介绍</Text>
        {f.description.split('\n').map((l, i) => (
          <Text key={i} className="wb-package__preview-line">
            {l}
          </Text>
        ))}
      </View>
      <View className="qs-section">
        <Text className="qs-section__title">申请条件</Text>
        {rows.map(([label, value]) => (
          <Text key={label} className="wb-package__preview-line">{`${label}：${value}`}</Text>
        ))}
      </View>
      <View className="qs-section">
        <Text className="qs-section__title">所需材料</Text>
        {materials.length === 0 ? (
          <Text className="qs-muted">无需准备材料</Text>
        ) : (
          materials.map((m, i) => <Text key={i} className="wb-package__preview-line">{`${i + 1}. ${m}`}</Text>)
        )}
      </View>
    </View>
  );
}

function Actions({ e }: { e: Edit }) {
  const b = { block: BLOCK, busy: e.busy };
  return (
    <ActionBar block={BLOCK} dirty={e.dirty} error={e.error}>
      {e.confirmRetire ? (
        <ConfirmBox
          {...b}
          text="下架后企业将看不到该服务，也不能再申请；已有的申请照常办理。确定下架吗？"
          action="确定下架"
          actionName="retire-confirm"
          danger
          onConfirm={e.retire}
          onCancel={e.cancelRetire}
        />
      ) : (
        <>
          <EditorButton {...b} name="save" spin onClick={e.save}>
            保存
          </EditorButton>
          {e.id && e.active && (
            <EditorButton {...b} name="retire" tone="danger" onClick={e.askRetire}>
              下架
            </EditorButton>
          )}
          {e.id && !e.active && (
            <EditorButton {...b} name="reactivate" tone="plain" onClick={e.reactivate}>
              重新上架
            </EditorButton>
          )}
        </>
      )}
    </ActionBar>
  );
}

/** 编辑服务包 (admins): the form, its preview as the enterprise sees it, 保存 / 下架 / 重新上架. */
function PackageEditor() {
  const e = usePackageEdit();
  return (
    <EditorShell
      block={BLOCK}
      what="惠企服务"
      edit={e}
      tag={
        e.id && (
          <Text className={`qs-tag qs-tag--${e.active ? 'ok' : 'bad'} wb-package__status`}>
            {e.active ? '上架中' : '已下架'}
          </Text>
        )
      }
      heading={e.id ? '编辑服务包' : '新建服务包'}
    >
      {() => (
        <>
          {e.saved && (
            <Text className="qs-muted wb-package__figures">
              {`已申请 ${e.saved.applications} 次 · ${
                e.saved.satisfactionRate === null ? '暂无评价' : `满意度 ${Math.round(e.saved.satisfactionRate * 100)}%`
              }`}
            </Text>
          )}
          {e.preview ? <Preview e={e} /> : <Form e={e} />}
          <Actions e={e} />
        </>
      )}
    </EditorShell>
  );
}

export default function ServicePackageEditPage() {
  return (
    <PageShell className="wb-package-page">
      <PackageEditor />
    </PageShell>
  );
}
