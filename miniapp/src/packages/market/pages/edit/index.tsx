import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import ImagePicker from '@/components/image-picker';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import { goBack } from '@/utils/routes';
import { Chips, choicesOf } from '@/packages/market/components/chips';
import type { Dictionary } from '@/packages/market/components/dictionary';
import {
  MARKET_CATEGORIES,
  MARKET_DESCRIPTION_MAX,
  MARKET_TITLE_MAX,
  textLength,
  VALID_DAY_CHOICES,
} from '@/packages/market/components/words';
import { type MarketEdit, type PostForm, useMarketEdit, usePostForm } from './use-post-form';
import './index.scss';

const KIND_CHOICES = [
  { value: 'supply', label: '供应' },
  { value: 'demand', label: '需求' },
];

function Gate({ e }: { e: MarketEdit }) {
  const body = {
    'signed-out': {
      title: '请先登录',
      text: '登录并绑定企业后即可发布供需信息',
      action: (
        <Button className="qs-btn market-edit__login" onClick={e.signIn}>
          登录
        </Button>
      ),
    },
    staff: { title: '工作人员账号不能发布供需', text: '供需信息由企业用户以企业名义发布。', action: null },
    unbound: {
      title: '请先绑定企业',
      text: '供需信息以企业名义发布，绑定企业并通过审核后即可发布。',
      action: (
        <Button className="qs-btn market-edit__bind" onClick={e.bind}>
          绑定企业
        </Button>
      ),
    },
    pending: { title: '企业绑定审核中', text: '您的绑定申请正在等待审核，通过后即可发布供需信息。', action: null },
    'not-manager': { title: '不能编辑这条信息', text: '只有发布人或企业管理员可以编辑。', action: null },
    closed: { title: '该信息已被下架', text: '被工作人员下架的信息不能再编辑，可以重新发布一条。', action: null },
  }[e.gate as Exclude<MarketEdit['gate'], 'ready'>];
  return (
    <View className="qs-section market-edit__gate" data-gate={e.gate}>
      <Text className="qs-section__title">{body.title}</Text>
      <Text className="qs-muted">{body.text}</Text>
      {body.action}
      <Button className="qs-btn qs-btn--plain" onClick={goBack}>
        返回
      </Button>
    </View>
  );
}

function DictionaryChips({
  d,
  label,
  value,
  onChange,
  any,
  className,
}: {
  d: Dictionary;
  label: string;
  value: string;
  onChange: (v: string) => void;
  any?: string;
  className: string;
}) {
  if (d.error) {
    return (
      <View className="market-edit__dict-error" role="button" onClick={d.retry}>
        {`${d.error}，点击重试`}
      </View>
    );
  }
  if (!d.values) {
    // The value already chosen shows while the list loads (no loading state: the form is usable).
    return <Text className="qs-muted market-edit__dict-wait">{value ? `已选：${value}` : `正在读取${label}…`}</Text>;
  }
  const values = value && !d.values.includes(value) ? [value, ...d.values] : d.values;
  return (
    <Chips label={label} className={className} choices={choicesOf(values, any)} value={value} onChange={onChange} />
  );
}

function Counter({ value, max }: { value: string; max: number }) {
  const n = textLength(value.trim());
  return <Text className={`market-edit__count${n > max ? ' market-edit__count--over' : ''}`}>{`${n}/${max}`}</Text>;
}

function FieldError({ text }: { text?: string }) {
  return text ? <Text className="qs-field__error">{text}</Text> : null;
}

function Form({ f }: { f: PostForm }) {
  const { values: v, errors } = f;
  return (
    <View className="market-edit__form">
      {f.restored && (
        <View className="market-edit__restored" role="status">
          <Text className="market-edit__restored-text">已恢复上次未提交的内容</Text>
          <Button className="qs-btn qs-btn--plain market-edit__clear" disabled={f.busy} onClick={f.clear}>
            清空
          </Button>
        </View>
      )}
      <View className="qs-section">
        <Text className="qs-section__title">{f.editing ? `正在编辑：${f.editing.title}` : '发布供需'}</Text>
        <Text className="qs-muted">以企业名义发布，联系方式不会公开，对方申请对接并经您同意后才互相可见。</Text>

        <View className="qs-field">
          <Text className="qs-field__label">类型</Text>
          <Chips
            label="类型"
            className="market-edit__kind"
            choices={KIND_CHOICES}
            value={v.kind}
            onChange={(x) => f.set('kind', x as 'supply' | 'demand')}
          />
          <FieldError text={errors.kind} />
        </View>

        <View className="qs-field">
          <Text className="qs-field__label">类别</Text>
          <Chips
            label="类别"
            className="market-edit__category"
            choices={choicesOf(MARKET_CATEGORIES)}
            value={v.category}
            onChange={(x) => f.set('category', x)}
          />
          <FieldError text={errors.category} />
        </View>

        <View className="qs-field">
          <Text className="qs-field__label">区域</Text>
          <DictionaryChips
            d={f.districts}
            label="区域"
            className="market-edit__district"
            value={v.district}
            onChange={(x) => f.set('district', x)}
          />
          <FieldError text={errors.district} />
        </View>

        <View className="qs-field">
          <Text className="qs-field__label">行业（可选）</Text>
          <DictionaryChips
            d={f.industries}
            label="行业"
            any="不限"
            className="market-edit__industry"
            value={v.industry}
            onChange={(x) => f.set('industry', x)}
          />
          <FieldError text={errors.industry} />
        </View>

        <View className="qs-field">
          <Text className="qs-field__label">标题</Text>
          <Input
            className="qs-field__input market-edit__title"
            value={v.title}
            maxlength={-1}
            placeholder="一句话说明供应或需求，如「求购食品级瓦楞纸箱」"
            placeholderClass="qs-field__placeholder"
            nativeProps={{ 'aria-label': '标题' }}
            onInput={(x) => f.set('title', x.detail.value)}
          />
          <View className="market-edit__foot">
            {errors.title ? (
              <Text className="qs-field__error">{errors.title}</Text>
            ) : (
              <Text className="qs-field__hint">必填</Text>
            )}
            <Counter value={v.title} max={MARKET_TITLE_MAX} />
          </View>
        </View>

        <View className="qs-field">
          <Text className="qs-field__label">详细描述</Text>
          <Textarea
            className={`market-edit__description${errors.description ? ' market-edit__description--error' : ''}`}
            value={v.description}
            maxlength={-1}
            placeholder="产品或服务、数量、规格、交付地点与时间、合作方式等"
            placeholderClass="qs-field__placeholder"
            disableDefaultPadding
            nativeProps={{ 'aria-label': '详细描述' }}
            onInput={(x) => f.set('description', x.detail.value)}
          />
          <View className="market-edit__foot">
            {errors.description ? (
              <Text className="qs-field__error market-edit__description-error">{errors.description}</Text>
            ) : (
              <Text className="qs-field__hint">必填，请勿填写电话等联系方式</Text>
            )}
            <Counter value={v.description} max={MARKET_DESCRIPTION_MAX} />
          </View>
        </View>

        <View className="qs-field">
          <Text className="qs-field__label">图片（可选）</Text>
          <ImagePicker uploads={f.uploads} className="market-edit__images" error={errors.images} disabled={f.busy} />
        </View>

        {!f.editing && (
          <View className="qs-field">
            <Text className="qs-field__label">展示天数</Text>
            <Chips
              label="展示天数"
              className="market-edit__days"
              choices={VALID_DAY_CHOICES.map((d) => ({ value: String(d), label: `${d} 天` }))}
              value={String(v.validDays)}
              onChange={(x) => f.set('validDays', Number(x))}
            />
            <FieldError text={errors.validDays} />
          </View>
        )}

        {errors.form && (
          <View className="market-edit__error" role="alert">
            <Text className="qs-field__error">{errors.form}</Text>
            {errors.alreadySent && (
              <Button className="qs-btn qs-btn--plain" onClick={f.myPosts}>
                查看我的供需
              </Button>
            )}
          </View>
        )}

        <Button className="qs-btn market-edit__submit" loading={f.busy} disabled={!f.canSubmit} onClick={f.submit}>
          {f.uploads.uploading ? '图片上传中…' : f.editing ? '保存修改' : '发布'}
        </Button>
      </View>
    </View>
  );
}

function Editor({ e }: { e: MarketEdit }) {
  const f = usePostForm(e);
  return <Form f={f} />;
}

/** 发布供需 / 编辑供需: the form, or why it is not shown (signed out, staff, not bound, not the post's manager). */
function MarketEditContent() {
  const e = useMarketEdit();
  if (e.gate !== 'ready') return <Gate e={e} />;
  if (e.id && e.notFound) {
    return (
      <View className="qs-section" role="alert">
        <Text className="qs-section__title">信息不存在</Text>
        <Text className="qs-muted">该供需信息不存在或已被删除。</Text>
        <Button className="qs-btn" onClick={e.board}>
          去企业商圈
        </Button>
      </View>
    );
  }
  return (
    <StateView loading={e.loading} error={e.error} onRetry={() => void e.reload()}>
      {(!e.id || e.post) && <Editor key={e.post?.id ?? 'new'} e={e} />}
    </StateView>
  );
}

export default function MarketEditPage() {
  return (
    <PageShell className="market-edit">
      <MarketEditContent />
    </PageShell>
  );
}
