import { Button, Label, Switch, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { DEFAULT_CASE_LIMITS } from '@qsgj/shared/rules';
import ImagePicker from '@/components/image-picker';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import { CASE_CATEGORIES, CASE_CONTENT_MAX, categoryLabel } from './case-limits';
import FaqSuggestionCards from './faq-suggestions';
import { useFaqSuggestions } from './use-faq-suggestions';
import { type CaseForm, type CaseFormType, useCaseForm } from './use-case-form';
import './index.scss';

const TITLE: Record<CaseFormType, string> = { consult: '咨询', complaint: '投诉' };

const INTRO: Record<CaseFormType, string> = {
  consult: `向管家提问：${DEFAULT_CASE_LIMITS.acceptDays} 个工作日内受理，${DEFAULT_CASE_LIMITS.resolveDays.consult} 个工作日内答复。`,
  complaint: `反映办事中遇到的问题：${DEFAULT_CASE_LIMITS.acceptDays} 个工作日内受理，${DEFAULT_CASE_LIMITS.resolveDays.complaint} 个工作日内办结。`,
};

const PLACEHOLDER: Record<CaseFormType, string> = {
  consult: '请描述您想咨询的问题，如涉及的政策、事项和企业的情况',
  complaint: '请描述投诉的事项：涉及的部门或人员、时间、经过，以及您的诉求',
};

const UNSURE = '不确定，由管家分类';

/** Why the form is not shown, and what to do about it. */
function Gate({ form }: { form: CaseForm }) {
  const what = form.type ? TITLE[form.type] : '诉求';
  const body = {
    'signed-out': {
      title: '请先登录',
      text: `登录并绑定企业后即可提交${what}`,
      action: (
        <Button className="qs-btn case-form__login" onClick={form.signIn}>
          登录
        </Button>
      ),
    },
    staff: {
      title: `管家账号不能提交${what}`,
      text: '咨询和投诉由企业用户提交；代企业登记诉求请在工作台中操作。',
      action: null,
    },
    unbound: {
      title: '请先绑定企业',
      text: `${what}以企业名义提交，绑定企业并通过审核后即可提交。已填写的内容会保存在本机。`,
      action: (
        <Button className="qs-btn case-form__bind" onClick={form.bind}>
          绑定企业
        </Button>
      ),
    },
    pending: {
      title: '企业绑定审核中',
      text: `您的绑定申请正在等待企业管理员或管家审核，通过后即可提交${what}。已填写的内容会保存在本机。`,
      action: null,
    },
  }[form.gate as Exclude<CaseForm['gate'], 'ready'>];
  return (
    <View className="qs-section case-form__gate" data-gate={form.gate}>
      <Text className="qs-section__title">{body.title}</Text>
      <Text className="qs-muted">{body.text}</Text>
      {body.action}
    </View>
  );
}

function CategoryChooser({ form }: { form: CaseForm }) {
  const [open, setOpen] = useState(false);
  const pick = (code: string | null) => {
    form.setCategory(code);
    setOpen(false);
  };
  return (
    <View className="qs-field case-form__category-field">
      <Text className="qs-field__label">诉求分类（可选）</Text>
      <View
        className={`case-form__category${open ? ' case-form__category--open' : ''}`}
        role="button"
        aria-expanded={open}
        data-code={form.category ?? ''}
        onClick={() => setOpen(!open)}
      >
        <Text className="case-form__category-value">{categoryLabel(form.category) ?? UNSURE}</Text>
        <Text className="case-form__category-arrow" aria-hidden="true">
          {open ? '收起' : '选择'}
        </Text>
      </View>
      {open && (
        <View className="case-form__category-options">
          {[{ code: null, label: UNSURE }, ...CASE_CATEGORIES].map((c) => (
            <View
              key={c.code ?? 'unsure'}
              className={`case-form__category-option${form.category === c.code ? ' case-form__category-option--on' : ''}`}
              role="button"
              aria-pressed={form.category === c.code}
              data-code={c.code ?? ''}
              onClick={() => pick(c.code)}
            >
              <Text>{c.label}</Text>
            </View>
          ))}
        </View>
      )}
      {form.errors.category && (
        <Text className="qs-field__error case-form__category-error">{form.errors.category}</Text>
      )}
    </View>
  );
}

function Form({ form, type }: { form: CaseForm; type: CaseFormType }) {
  const { errors, uploads } = form;
  const over = form.length > CASE_CONTENT_MAX;
  const butler = type === 'consult' && form.query.butlerId;
  // 咨询 only: what may already answer the question, while it is typed.
  const suggestions = useFaqSuggestions(form.content, type === 'consult');
  return (
    <View className="case-form" data-type={type}>
      {form.restored && (
        <View className="case-form__restored" role="status">
          <Text className="case-form__restored-text">已恢复上次未提交的内容</Text>
          <Button className="qs-btn qs-btn--plain case-form__clear" disabled={form.busy} onClick={form.clear}>
            清空
          </Button>
        </View>
      )}

      <View className="qs-section">
        <Text className="case-form__title">{TITLE[type]}</Text>
        <Text className="qs-muted case-form__intro">{INTRO[type]}</Text>
        {butler && (
          <View className="case-form__butler" data-butler-id={form.query.butlerId}>
            <Text>{`向 ${form.query.butlerName || '指定管家'} 咨询`}</Text>
            {errors.butlerId && <Text className="qs-field__error case-form__butler-error">{errors.butlerId}</Text>}
          </View>
        )}

        <CategoryChooser form={form} />

        <View className="qs-field">
          <Text className="qs-field__label">{type === 'consult' ? '咨询内容' : '投诉内容'}</Text>
          <Textarea
            className={`case-form__text${errors.content ? ' case-form__text--error' : ''}`}
            value={form.content}
            maxlength={-1}
            placeholder={PLACEHOLDER[type]}
            placeholderClass="qs-field__placeholder"
            disableDefaultPadding
            nativeProps={{ 'aria-label': type === 'consult' ? '咨询内容' : '投诉内容' }}
            onInput={(e) => form.setContent(e.detail.value)}
          />
          <View className="case-form__text-foot">
            {errors.content ? (
              <Text className="qs-field__error case-form__text-error">{errors.content}</Text>
            ) : (
              <Text className="qs-field__hint">必填</Text>
            )}
            <Text className={`case-form__count${over ? ' case-form__count--over' : ''}`}>
              {`${form.length}/${CASE_CONTENT_MAX}`}
            </Text>
          </View>
        </View>

        <FaqSuggestionCards s={suggestions} />

        <View className="qs-field">
          <Text className="qs-field__label">图片（可选）</Text>
          <ImagePicker uploads={uploads} className="case-form__images" error={errors.images} disabled={form.busy} />
        </View>

        {type === 'complaint' && (
          <View className="qs-field">
            <Label className="case-form__anonymous">
              <Text className="case-form__anonymous-title">对被投诉部门隐藏企业身份</Text>
              <Switch
                className="case-form__anonymous-switch"
                checked={form.anonymous}
                color="#06753d"
                onChange={(e) => form.setAnonymous(e.detail.value)}
                aria-label="对被投诉部门隐藏企业身份"
                nativeProps={{ 'aria-label': '对被投诉部门隐藏企业身份' }}
              />
            </Label>
            <Text className="qs-field__hint">
              开启后，被投诉部门只看到「匿名企业」，看不到企业名称和联系人；营商环境服务中心仍可查看，以便协调办理。
            </Text>
            {errors.anonymous && <Text className="qs-field__error">{errors.anonymous}</Text>}
          </View>
        )}

        {errors.form && (
          <View className="case-form__error" role="alert">
            <Text className="qs-field__error">{errors.form}</Text>
            {errors.alreadySent && (
              <Button className="qs-btn qs-btn--plain case-form__my-cases" onClick={form.myCases}>
                查看我的诉求
              </Button>
            )}
          </View>
        )}

        <Button
          className="qs-btn case-form__submit"
          loading={form.busy}
          disabled={!form.canSubmit}
          onClick={() => void form.submit()}
        >
          {uploads.uploading ? '图片上传中…' : `提交${TITLE[type]}`}
        </Button>
      </View>
    </View>
  );
}

/** 咨询 / 投诉: the form, or why it is not shown (signed out, staff, enterprise not bound or not yet approved). */
function CaseNew() {
  const form = useCaseForm();
  if (!form.type) {
    return (
      <StateView
        empty
        emptyText="链接有误：请从首页的「咨询」或「投诉」进入"
        emptyAction={
          <Button className="qs-btn qs-btn--plain" onClick={form.home}>
            返回首页
          </Button>
        }
      />
    );
  }
  if (form.gate !== 'ready') return <Gate form={form} />;
  return <Form form={form} type={form.type} />;
}

export default function CaseNewPage() {
  return (
    <PageShell className="case-new">
      <CaseNew />
    </PageShell>
  );
}
