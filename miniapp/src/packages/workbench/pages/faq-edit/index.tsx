import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import { PolicyMultiSelect } from '@/packages/workbench/components/policy-form';
import { FaqStatusTag } from '@/packages/workbench/pages/faq/status-tag';
import { ANSWER_MAX, QUESTION_MAX, useFaqEdit } from './use-faq-edit';
import './index.scss';

type Edit = ReturnType<typeof useFaqEdit>;

function Review({ e }: { e: Edit }) {
  const item = e.item;
  if (!item) return null;
  return (
    <View className="qs-section faq-edit__review">
      <View className="faq-edit__review-head">
        <FaqStatusTag status={item.status} />
        <Text className="qs-muted">
          {item.createdBy?.name ?? '—'} 撰写
          {item.editedBy && item.editedBy.id !== item.createdBy?.id ? ` · ${item.editedBy.name} 最后修改` : ''}
          {item.reviewedBy ? ` · ${item.reviewedBy.name} 审核` : ''}
        </Text>
      </View>
      {item.sourceCaseNumber && <Text className="qs-muted faq-edit__source">来自咨询 {item.sourceCaseNumber}</Text>}
      {item.status === 'published' && (
        <Text className="qs-muted faq-edit__note">已发布的条目修改保存后，将回到待审核状态，审核通过后再次公开。</Text>
      )}
      {item.publishBlocked && <Text className="faq-edit__blocked">{item.publishBlocked}</Text>}
      <View className="faq-edit__review-actions">
        {item.canPublish && (
          <Button className="qs-btn faq-edit__publish" loading={e.reviewing} disabled={e.reviewing} onClick={e.publish}>
            审核发布
          </Button>
        )}
        {e.reviewer && item.status === 'published' && (
          <Button className="qs-btn qs-btn--plain faq-edit__withdraw" disabled={e.reviewing} onClick={e.withdraw}>
            撤回
          </Button>
        )}
      </View>
    </View>
  );
}

function Policies({ e }: { e: Edit }) {
  return (
    <View className="qs-field faq-edit__policies">
      <Text className="qs-field__label">关联政策（可选，最多 5 条）</Text>
      {e.policies.map((p) => (
        <View key={p.id} className="faq-edit__policy" data-id={p.id}>
          <Text className="faq-edit__policy-title">{p.title}</Text>
          <View className="faq-edit__policy-remove" role="button" onClick={() => e.togglePolicy(p)}>
            移除
          </View>
        </View>
      ))}
      <View className="faq-edit__policy-search">
        <Input
          className="qs-field__input faq-edit__policy-input"
          value={e.policyQ}
          confirmType="search"
          placeholder="搜索政策标题或文号"
          placeholderClass="qs-field__placeholder"
          nativeProps={{ 'aria-label': '搜索要关联的政策' }}
          onInput={(ev) => e.setPolicyQ(ev.detail.value)}
          onConfirm={e.searchPolicies}
        />
        <Button
          className="qs-btn qs-btn--plain faq-edit__policy-go"
          loading={e.searchingPolicies}
          onClick={e.searchPolicies}
        >
          搜索
        </Button>
      </View>
      {e.policyHits && e.policyHits.length === 0 && <Text className="qs-muted">没有找到相关政策</Text>}
      {e.policyHits?.map((p) => {
        const on = e.policies.some((x) => x.id === p.id);
        return (
          <View
            key={p.id}
            className={`faq-edit__hit${on ? ' faq-edit__hit--on' : ''}`}
            role="button"
            aria-pressed={on}
            onClick={() => e.togglePolicy(p)}
          >
            <Text>{p.title}</Text>
            <Text className="faq-edit__hit-mark">{on ? '已关联' : '关联'}</Text>
          </View>
        );
      })}
      {e.errors.policyIds && <Text className="qs-field__error">{e.errors.policyIds}</Text>}
    </View>
  );
}

/** 常见问题编辑: the text (from a resolved consultation, without the enterprise's identity), categories, policies, review. */
function FaqEdit() {
  const e = useFaqEdit();
  if (!e.staff) return null;
  return (
    <StateView loading={e.loading} error={e.loadError} onRetry={e.reload}>
      <View className="faq-edit">
        <Review e={e} />
        <View className="qs-section">
          <Text className="qs-section__title">
            {e.id ? '编辑常见问题' : e.caseId ? '将咨询发布为常见问题' : '新建常见问题'}
          </Text>
          {e.source && (
            <View className="faq-edit__identity" role="note">
              <Text>
                已按咨询 {e.source.caseNumber}{' '}
                的内容和最后一次答复预填。请改写为通用的问答，删除企业名称、信用代码、联系人和电话等信息；保存后由主管或管理员审核发布。
              </Text>
            </View>
          )}
          {e.warnings.length > 0 && (
            <View className="faq-edit__warning" role="alert">
              <Text>内容中{e.warnings.join('、')}，请删除后再保存。</Text>
            </View>
          )}
          <View className="qs-field">
            <Text className="qs-field__label">问题</Text>
            <Textarea
              className={`faq-edit__question${e.errors.question ? ' faq-edit__text--error' : ''}`}
              value={e.question}
              maxlength={QUESTION_MAX}
              autoHeight
              placeholder="企业会怎么问，如：办理营业执照变更需要哪些材料？"
              placeholderClass="qs-field__placeholder"
              nativeProps={{ 'aria-label': '问题' }}
              onInput={(ev) => e.setQuestion(ev.detail.value)}
            />
            {e.errors.question && <Text className="qs-field__error">{e.errors.question}</Text>}
          </View>
          <View className="qs-field">
            <Text className="qs-field__label">解答</Text>
            <Textarea
              className={`faq-edit__answer${e.errors.answer ? ' faq-edit__text--error' : ''}`}
              value={e.answer}
              maxlength={ANSWER_MAX}
              placeholder="通用的解答：办理条件、材料、渠道和时限"
              placeholderClass="qs-field__placeholder"
              nativeProps={{ 'aria-label': '解答' }}
              onInput={(ev) => e.setAnswer(ev.detail.value)}
            />
            {e.errors.answer && <Text className="qs-field__error">{e.errors.answer}</Text>}
          </View>
          <PolicyMultiSelect
            label="问题类别"
            className="faq-edit__categories"
            options={e.categoryOptions}
            selected={e.categories}
            onChange={e.setCategories}
            emptyText="请选择"
            error={e.errors.categories}
          />
          <Policies e={e} />
          {(e.errors.form || e.errors.caseId) && (
            <View className="faq-edit__error" role="alert">
              <Text className="qs-field__error">{e.errors.form ?? e.errors.caseId}</Text>
            </View>
          )}
          <Button className="qs-btn faq-edit__save" loading={e.saving} disabled={e.saving} onClick={e.save}>
            {e.id ? '保存' : '保存草稿'}
          </Button>
          <Button className="qs-btn qs-btn--plain faq-edit__back" onClick={e.list}>
            返回常见问题管理
          </Button>
        </View>
      </View>
    </StateView>
  );
}

export default function FaqEditPage() {
  return (
    <PageShell className="faq-edit-page">
      <FaqEdit />
    </PageShell>
  );
}
