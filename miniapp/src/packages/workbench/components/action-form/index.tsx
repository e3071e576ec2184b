import { Button, Picker, Text, Textarea, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import type { CaseOptionsResponse, CaseTransitionDto } from '@qsgj/shared/contracts';
import { CASE_ACTION_LABEL, type CaseAction } from '@qsgj/shared/enums';
import type { CasePayloadField } from '@qsgj/shared/rules';
import { caseCategoryLabel } from '@/components/case-timeline/words';
import {
  butlerChoices,
  CATEGORY_CHOICES,
  checkForm,
  type Choice,
  CONVERT_CHOICES,
  departmentChoices,
  EMPTY_VALUES,
  EXTENSION_CHOICES,
  type FieldErrors,
  fieldLabel,
  type FormCase,
  formFields,
  type FormValues,
  reviewDateRange,
  TEXT_MAX,
  toTransition,
} from './fields';
import './index.scss';

interface Props {
  action: CaseAction;
  view: FormCase;
  /** Transfer targets and assignable staff (`GET /cases/options`): loaded when a form needs them. */
  options?: CaseOptionsResponse;
  optionsLoading?: boolean;
  optionsError?: Error | null;
  onRetryOptions?: () => void;
  /** A butler assigns only to themself (认领): the picker gives way to their name. */
  self?: { id: string; name: string } | null;
  busy: boolean;
  /** The server's refusal that is not about one field. */
  error?: string;
  /** The server's field problems (400 details), shown beside their fields. */
  serverErrors?: FieldErrors;
  onSubmit: (dto: CaseTransitionDto) => void;
  onCancel: () => void;
}

/** What a chooser shows before anything is chosen. */
const PLACEHOLDER: Partial<Record<CasePayloadField, string>> = {
  nextReviewOn: '请选择日期',
  departmentId: '请选择部门',
  butlerId: '请选择管家',
  extensionDays: '请选择天数',
  toType: '请选择类型',
  category: '请选择分类',
};

function ChoicePicker({
  field,
  choices,
  value,
  onChange,
  placeholder,
}: {
  field: CasePayloadField;
  choices: Choice[];
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
}) {
  const index = choices.findIndex((c) => c.value === value);
  return (
    <Picker
      mode="selector"
      range={choices.map((c) => c.label)}
      value={index >= 0 ? index : 0}
      onChange={(e) => onChange(choices[Number(e.detail.value)]?.value ?? '')}
    >
      <View className={`wb-action__picker wb-action__picker--${field}${index < 0 ? ' wb-action__picker--empty' : ''}`}>
        {index >= 0 ? choices[index].label : placeholder}
      </View>
    </Picker>
  );
}

/**
 * The small form of one case action: exactly the fields the shared table lets the action carry, the required ones
 * checked before sending (the server checks them again and its field messages land beside the fields).
 */
export default function ActionForm({
  action,
  view,
  options,
  optionsLoading,
  optionsError,
  onRetryOptions,
  self,
  busy,
  error,
  serverErrors,
  onSubmit,
  onCancel,
}: Props) {
  const claim = action === 'assign' && !!self;
  const [values, setValues] = useState<FormValues>(() => ({
    ...EMPTY_VALUES,
    butlerId: claim ? self.id : '',
  }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const fields = formFields(action, view);
  const label = CASE_ACTION_LABEL[action];
  const range = useMemo(() => reviewDateRange(), []);
  const needsOptions = fields.some((f) => f.field === 'departmentId' || (f.field === 'butlerId' && !claim));

  const set = (field: CasePayloadField, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = () => {
    const problems = checkForm(action, view, values);
    setErrors(problems);
    if (Object.values(problems).some(Boolean)) return;
    onSubmit(toTransition(action, view, values));
  };

  const control = (field: CasePayloadField, fieldName: string) => {
    switch (field) {
      case 'nextReviewOn':
        return (
          <Picker
            mode="date"
            value={values.nextReviewOn || range.start}
            start={range.start}
            end={range.end}
            onChange={(e) => set('nextReviewOn', String(e.detail.value))}
          >
            <View
              className={`wb-action__picker wb-action__picker--nextReviewOn${values.nextReviewOn ? '' : ' wb-action__picker--empty'}`}
            >
              {values.nextReviewOn || PLACEHOLDER.nextReviewOn}
            </View>
          </Picker>
        );
      case 'departmentId':
      case 'butlerId': {
        if (field === 'butlerId' && claim) {
          return <Text className="wb-action__claim">认领给我（{self.name}），由我负责办理</Text>;
        }
        const choices = field === 'departmentId' ? departmentChoices(options, view) : butlerChoices(options, view);
        if (!options) return <Text className="qs-muted">{optionsLoading ? '正在加载可选项…' : '暂无可选项'}</Text>;
        if (choices.length === 0) {
          return (
            <Text className="qs-muted">
              {field === 'departmentId' ? '没有可转办的部门' : '本部门没有其他可指派的管家'}
            </Text>
          );
        }
        return (
          <ChoicePicker
            field={field}
            choices={choices}
            value={values[field]}
            onChange={(v) => set(field, v)}
            placeholder={PLACEHOLDER[field]!}
          />
        );
      }
      case 'extensionDays':
      case 'toType':
      case 'category': {
        const choices =
          field === 'extensionDays' ? EXTENSION_CHOICES : field === 'toType' ? CONVERT_CHOICES : CATEGORY_CHOICES;
        const current = field === 'category' ? caseCategoryLabel(view.category) : null;
        return (
          <ChoicePicker
            field={field}
            choices={choices}
            value={values[field]}
            onChange={(v) => set(field, v)}
            placeholder={current ? `不修改（当前：${current}）` : PLACEHOLDER[field]!}
          />
        );
      }
      default:
        return (
          <Textarea
            className={`wb-action__input wb-action__input--${field}`}
            value={values[field]}
            maxlength={TEXT_MAX[field] ?? 500}
            autoHeight
            placeholder={`请输入${fieldName}`}
            placeholderClass="qs-field__placeholder"
            nativeProps={{ 'aria-label': fieldName }}
            onInput={(e) => set(field, e.detail.value)}
          />
        );
    }
  };

  return (
    <View className={`wb-action wb-action--${action}`}>
      <Text className="wb-action__title">{label}</Text>
      {fields.length === 0 && <Text className="qs-muted">确认对该诉求执行「{label}」？</Text>}
      {fields.map(({ field, required }) => {
        const name = fieldLabel(action, field);
        const problem = errors[field] ?? serverErrors?.[field];
        return (
          <View key={field} className={`wb-action__field wb-action__field--${field}`}>
            <Text className="wb-action__label">
              {name}
              {required ? '' : '（选填）'}
            </Text>
            {control(field, name)}
            {problem && <Text className={`wb-action__error wb-action__error--${field}`}>{problem}</Text>}
          </View>
        );
      })}
      {needsOptions && optionsError && (
        <View className="wb-action__options-error" onClick={onRetryOptions}>
          <Text>{optionsError.message}，点击重试</Text>
        </View>
      )}
      {error && (
        <View className="wb-action__server-error" role="alert">
          <Text>{error}</Text>
        </View>
      )}
      <View className="wb-action__buttons">
        <Button className="qs-btn qs-btn--plain wb-action__cancel" disabled={busy} onClick={onCancel}>
          取消
        </Button>
        <Button className="qs-btn wb-action__submit" disabled={busy} loading={busy} onClick={submit}>
          确认{label}
        </Button>
      </View>
    </View>
  );
}
