import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import {
  POLICY_ATTACHMENTS_MAX,
  POLICY_ATTACHMENT_NAME_MAX,
  POLICY_BODY_MAX,
  POLICY_DOC_NUMBER_MAX,
  POLICY_INTERPRETATION_MAX,
  POLICY_ISSUER_MAX,
  POLICY_SUMMARY_MAX,
  POLICY_TITLE_MAX,
  POLICY_URL_MAX,
} from '@qsgj/shared/rules';
import {
  ENTERPRISE_SCALE_LABEL,
  EnterpriseScale,
  type EnterpriseScale as Scale,
  POLICY_LEVEL_LABEL,
  PolicyLevel,
  type PolicyLevel as Level,
  PolicyStatus,
} from '@qsgj/shared/enums';
import Field from '@/components/field';
import PageShell from '@/components/page-shell';
import { ActionBar, ConfirmBox, EditorButton, EditorShell } from '@/packages/workbench/components/editor-shell';
import { PolicyStatusTag } from '@/packages/workbench/components/policy-admin';
import { eligibilityReading, PolicyMultiSelect, RichTextField } from '@/packages/workbench/components/policy-form';
import PolicyPreview from '@/packages/workbench/components/policy-preview';
import type { PolicyForm } from './form';
import { usePolicyEdit } from './use-policy-edit';
import './index.scss';

type Edit = ReturnType<typeof usePolicyEdit>;

const BLOCK = 'wb-policy';

const LEVELS = Object.values(PolicyLevel) as Level[];
const SCALE_OPTIONS = (Object.values(EnterpriseScale) as Scale[]).map((s) => ({
  value: s,
  label: ENTERPRISE_SCALE_LABEL[s],
}));

function DateField({ e, field, label }: { e: Edit; field: 'validFrom' | 'validTo'; label: string }) {
  const value = e.form![field];
  return (
    <View className={`qs-field wb-policy__date wb-policy__${field}`}>
      <Text className="qs-field__label">{label}</Text>
      <View className="wb-policy__date-row">
        <Picker mode="date" value={value} onChange={(ev) => e.set(field, String(ev.detail.value))}>
          <View className="qs-field__input wb-policy__picker">{value || '不限'}</View>
        </Picker>
        {value && (
          <View className="wb-policy__clear" role="button" onClick={() => e.set(field, '')}>
            清除
          </View>
        )}
      </View>
      {e.errors[field] && <Text className="qs-field__error">{e.errors[field]}</Text>}
    </View>
  );
}

function Attachments({ e }: { e: Edit }) {
  const rows = e.form!.attachments;
  const change = (i: number, key: 'name' | 'url', value: string) =>
    e.set(
      'attachments',
      rows.map((r, j) => (j === i ? { ...r, [key]: value } : r)),
    );
  return (
    <View className="qs-field wb-policy__attachments">
      <Text className="qs-field__label">附件</Text>
      {rows.map((r, i) => (
        <View key={i} className="wb-policy__attachment">
          <Input
            className="qs-field__input wb-policy__attachment-name"
            value={r.name}
            maxlength={POLICY_ATTACHMENT_NAME_MAX}
            placeholder="附件名称"
            placeholderClass="qs-field__placeholder"
            nativeProps={{ 'aria-label': `附件${i + 1}名称` }}
            onInput={(ev) => change(i, 'name', ev.detail.value)}
          />
          <Input
            className="qs-field__input wb-policy__attachment-url"
            value={r.url}
            maxlength={POLICY_URL_MAX}
            placeholder="https:// 链接"
            placeholderClass="qs-field__placeholder"
            nativeProps={{ 'aria-label': `附件${i + 1}链接` }}
            onInput={(ev) => change(i, 'url', ev.detail.value)}
          />
          {(e.errors[`attachments.${i}.name`] || e.errors[`attachments.${i}.url`]) && (
            <Text className="qs-field__error">
              {e.errors[`attachments.${i}.name`] ?? e.errors[`attachments.${i}.url`]}
            </Text>
          )}
          <View
            className="wb-policy__remove"
            role="button"
            onClick={() =>
              e.set(
                'attachments',
                rows.filter((_, j) => j !== i),
              )
            }
          >
            删除附件
          </View>
        </View>
      ))}
      {rows.length < POLICY_ATTACHMENTS_MAX && (
        <View
          className="wb-policy__add-attachment"
          role="button"
          onClick={() => e.set('attachments', [...rows, { name: '', url: '' }])}
        >
          ＋ 添加附件
        </View>
      )}
      {e.errors.attachments &&
        !rows.some((_, i) => e.errors[`attachments.${i}.name`] || e.errors[`attachments.${i}.url`]) && (
          <Text className="qs-field__error">{e.errors.attachments}</Text>
        )}
    </View>
  );
}

function Form({ e }: { e: Edit }) {
  const f = e.form!;
  const text = (key: keyof PolicyForm) => (v: string) => e.set(key, v as never);
  const levelIndex = LEVELS.indexOf(f.level);
  return (
    <>
      <View className="qs-section wb-policy__basics">
        <Text className="qs-section__title">基本信息</Text>
        <Field
          label="政策标题"
          inputClass="wb-policy__title"
          value={f.title}
          maxlength={POLICY_TITLE_MAX}
          onInput={text('title')}
          error={e.errors.title}
        />
        <Field
          label="文号"
          inputClass="wb-policy__doc-number"
          value={f.docNumber}
          maxlength={POLICY_DOC_NUMBER_MAX}
          placeholder="如 潭政办发〔2026〕12号"
          onInput={text('docNumber')}
          error={e.errors.docNumber}
        />
        <Field
          label="发文单位"
          inputClass="wb-policy__issuer"
          value={f.issuer}
          maxlength={POLICY_ISSUER_MAX}
          onInput={text('issuer')}
          error={e.errors.issuer}
        />
        <View className="qs-field wb-policy__level">
          <Text className="qs-field__label">政策层级</Text>
          <Picker
            mode="selector"
            range={LEVELS.map((l) => POLICY_LEVEL_LABEL[l])}
            value={levelIndex}
            onChange={(ev) => e.set('level', LEVELS[Number(ev.detail.value)] ?? f.level)}
          >
            <View className="qs-field__input wb-policy__picker">{POLICY_LEVEL_LABEL[f.level]} ▾</View>
          </Picker>
          {e.errors.level && <Text className="qs-field__error">{e.errors.level}</Text>}
        </View>
        <PolicyMultiSelect
          label="政策类别"
          className="wb-policy__categories"
          options={e.options.categories}
          selected={f.categories}
          onChange={(v) => e.set('categories', v)}
          emptyText="请选择（至少一项）"
          error={e.errors.categories}
        />
        <DateField e={e} field="validFrom" label="生效日期" />
        <DateField e={e} field="validTo" label="失效日期" />
      </View>

      <View className="qs-section wb-policy__eligibility">
        <Text className="qs-section__title">适用对象</Text>
        <PolicyMultiSelect
          label="适用行业"
          className="wb-policy__industries"
          options={e.options.industries}
          selected={f.industries}
          onChange={(v) => e.set('industries', v)}
          error={e.errors.industries}
        />
        <PolicyMultiSelect
          label="适用规模"
          className="wb-policy__scales"
          options={SCALE_OPTIONS}
          selected={f.scales}
          onChange={(v) => e.set('scales', v as Scale[])}
          error={e.errors.scales}
        />
        <PolicyMultiSelect
          label="适用区域"
          className="wb-policy__districts"
          options={e.options.districts}
          selected={f.districts}
          onChange={(v) => e.set('districts', v)}
          hint={
            f.level === PolicyLevel.NATIONAL || f.level === PolicyLevel.PROVINCIAL
              ? '国家级、省级政策适用全市各区域'
              : undefined
          }
          error={e.errors.districts}
        />
        <PolicyMultiSelect
          label="资质要求（具备其一即可）"
          className="wb-policy__qualifications"
          options={e.options.qualifications}
          selected={f.qualifications}
          onChange={(v) => e.set('qualifications', v)}
          error={e.errors.qualifications}
        />
        <Text className="wb-policy__reading">
          {eligibilityReading(
            { industries: f.industries, scales: f.scales, districts: f.districts, qualifications: f.qualifications },
            f.level,
          )}
        </Text>
      </View>

      <View className="qs-section wb-policy__content">
        <Text className="qs-section__title">内容</Text>
        <View className="qs-field">
          <Text className="qs-field__label">摘要</Text>
          <Textarea
            className="policy-rich__input wb-policy__summary"
            value={f.summary}
            maxlength={POLICY_SUMMARY_MAX}
            placeholder="一两句话说明政策要点"
            placeholderClass="qs-field__placeholder"
            nativeProps={{ 'aria-label': '摘要' }}
            onInput={(ev) => e.set('summary', ev.detail.value)}
          />
          {e.errors.summary && <Text className="qs-field__error">{e.errors.summary}</Text>}
        </View>
        <RichTextField
          label="正文"
          className="wb-policy__body"
          value={f.body}
          maxlength={POLICY_BODY_MAX}
          placeholder="每行一段；或用上方按钮插入格式"
          onChange={(v) => e.set('body', v)}
          error={e.errors.body}
        />
        <RichTextField
          label="政策解读"
          className="wb-policy__interpretation"
          value={f.interpretation}
          maxlength={POLICY_INTERPRETATION_MAX}
          onChange={(v) => e.set('interpretation', v)}
          error={e.errors.interpretation}
        />
        <Attachments e={e} />
        <Field
          label="原文链接"
          inputClass="wb-policy__source"
          value={f.sourceUrl}
          maxlength={POLICY_URL_MAX}
          placeholder="https://"
          onInput={text('sourceUrl')}
          error={e.errors.sourceUrl}
        />
      </View>
    </>
  );
}

function Actions({ e }: { e: Edit }) {
  const published = e.status === PolicyStatus.PUBLISHED || e.status === PolicyStatus.EXPIRED;
  const b = { block: BLOCK, busy: e.busy };
  return (
    <ActionBar block={BLOCK} dirty={e.dirty} error={e.error}>
      {e.confirm?.kind === 'publish' && (
        <ConfirmBox
          {...b}
          kind="publish"
          text={`将推送给 ${e.confirm.audience.enterprises} 家企业（${e.confirm.audience.users} 位用户），发布后不能撤销推送。确定发布吗？`}
          action="确定发布"
          actionName="publish-confirm"
          cancelName="confirm-cancel"
          onConfirm={e.publish}
          onCancel={e.cancelConfirm}
        />
      )}
      {e.confirm?.kind === 'withdraw' && (
        <ConfirmBox
          {...b}
          kind="withdraw"
          text="撤回后企业将不能再查看这条政策，确定撤回吗？"
          action="确定撤回"
          actionName="withdraw-confirm"
          danger
          cancelName="confirm-cancel"
          onConfirm={e.withdraw}
          onCancel={e.cancelConfirm}
        />
      )}
      {!e.confirm && (
        <>
          <EditorButton {...b} name="save" tone="plain" spin onClick={e.save}>
            {published ? '保存修改' : '保存草稿'}
          </EditorButton>
          {!published && (
            <EditorButton {...b} name="publish" onClick={e.askPublish}>
              发布
            </EditorButton>
          )}
          {e.status === PolicyStatus.PUBLISHED && (
            <EditorButton {...b} name="withdraw" tone="danger" onClick={e.askWithdraw}>
              撤回
            </EditorButton>
          )}
        </>
      )}
    </ActionBar>
  );
}

/** 编辑政策 (admins): the form, its preview as the enterprise sees it, 保存 / 发布 / 撤回. */
function PolicyEditor() {
  const e = usePolicyEdit();
  return (
    <EditorShell
      block={BLOCK}
      what="涉企政策"
      edit={e}
      tag={<PolicyStatusTag status={e.status} />}
      heading={e.id ? '编辑政策' : '新建政策'}
    >
      {() => (
        <>
          {e.preview && e.previewPolicy ? <PolicyPreview policy={e.previewPolicy} /> : <Form e={e} />}
          <Actions e={e} />
        </>
      )}
    </EditorShell>
  );
}

export default function PolicyEditPage() {
  return (
    <PageShell className="wb-policy-page">
      <PolicyEditor />
    </PageShell>
  );
}
