import { Button, Text, Textarea, View } from '@tarojs/components';
import type { MarketMatch, MarketPostDetail } from '@qsgj/shared/contracts';
import AuthedImage from '@/components/authed-image';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import { caseTime } from '@/components/case-timeline/format';
import { goBack } from '@/utils/routes';
import { Chips } from '@/packages/market/components/chips';
import EnterpriseCard from '@/packages/market/components/enterprise-card';
import PostCard from '@/packages/market/components/post-card';
import {
  CONTACT_REQUEST_STATUS_LABEL,
  expiryText,
  MARKET_MESSAGE_MAX,
  MARKET_POST_KIND_LABEL,
  MARKET_POST_STATUS_LABEL,
  MARKET_REASON_MAX,
  requestTone,
  statusTone,
  textLength,
  VALID_DAY_CHOICES,
} from '@/packages/market/components/words';
import { type MarketPostView, useMarketPost } from './use-market-post';
import './index.scss';

function Row({ label, children }: { label: string; children: string }) {
  return (
    <View className="market-post__row">
      <Text className="market-post__label">{label}</Text>
      <Text className="market-post__value">{children}</Text>
    </View>
  );
}

function Header({ p }: { p: MarketPostDetail }) {
  return (
    <View className="qs-section market-post__header">
      <View className="market-post__head">
        <Text className={`market-post__kind market-post__kind--${p.kind}`}>{MARKET_POST_KIND_LABEL[p.kind]}</Text>
        <Text className={`qs-tag qs-tag--${statusTone(p.status)}`}>{MARKET_POST_STATUS_LABEL[p.status]}</Text>
      </View>
      <Text className="market-post__title">{p.title}</Text>
      <Row label="发布企业">{p.enterprise.name}</Row>
      <Row label="类别">{p.category}</Row>
      <Row label="区域">{p.district}</Row>
      <Row label="行业">{p.industry ?? '不限'}</Row>
      <Row label="发布时间">{caseTime(p.createdAt)}</Row>
      <Row label="有效期">{expiryText(p)}</Row>
      {p.takedownReason && (
        <View className="market-post__takedown" role="alert">
          <Text className="market-post__takedown-title">该信息已被工作人员下架</Text>
          <Text className="market-post__para">{`下架理由：${p.takedownReason}`}</Text>
        </View>
      )}
      {p.status === 'held' && (
        <Text className="qs-muted market-post__held">内容正在人工审核，通过后在商圈展示，仅本企业可见。</Text>
      )}
    </View>
  );
}

function Description({ p }: { p: MarketPostDetail }) {
  const gallery = p.images.map((i) => i.url);
  return (
    <View className="qs-section market-post__description">
      <Text className="qs-section__title">详细描述</Text>
      {p.description.split('\n').map((line, i) => (
        <Text key={i} className="market-post__para">
          {line}
        </Text>
      ))}
      {p.images.length > 0 && (
        <View className="market-post__images">
          {p.images.map((img, i) => (
            <AuthedImage
              key={img.id}
              className="market-post__image"
              src={img.url}
              gallery={gallery}
              alt={`${p.title}的第 ${i + 1} 张图片`}
            />
          ))}
        </View>
      )}
    </View>
  );
}

function Why({ why }: { why: string[] }) {
  return (
    <View className="market-post__why">
      {why.map((w) => (
        <Text key={w} className="market-post__why-chip">
          {w}
        </Text>
      ))}
    </View>
  );
}

function Match({ m }: { m: MarketMatch }) {
  if (m.type === 'post') {
    return (
      <PostCard className="market-post__match" post={m.post}>
        <Why why={m.why} />
      </PostCard>
    );
  }
  return (
    <View className="market-post__match market-post__match--enterprise">
      <EnterpriseCard className="market-post__match-card" enterprise={m.enterprise} />
      <Why why={m.why} />
    </View>
  );
}

/** 推荐匹配: after the post (its first render does not wait for it). */
function Matches({ v }: { v: MarketPostView }) {
  const m = v.matches;
  let body;
  if (m.error) {
    body = (
      <View className="market-post__matches-error" role="button" onClick={() => void m.reload()}>
        {`${m.error.message}，点击重试`}
      </View>
    );
  } else if (!m.data) body = <Text className="qs-muted">正在查找推荐…</Text>;
  else if (m.data.items.length === 0) body = <Text className="qs-muted">暂无匹配的供需或企业</Text>;
  else body = m.data.items.map((x) => <Match key={x.type === 'post' ? x.post.id : x.enterprise.id} m={x} />);
  return (
    <View className="market-post__matches">
      <Text className="qs-section__title market-post__matches-title">推荐匹配</Text>
      {body}
    </View>
  );
}

function TextForm({
  v,
  title,
  hint,
  value,
  onInput,
  max,
  placeholder,
  submit,
  onSubmit,
  inputClass,
  label,
}: {
  v: MarketPostView;
  title: string;
  /** The text box's name, for screen readers. */
  label: string;
  hint: string;
  value: string;
  onInput: (value: string) => void;
  max: number;
  placeholder: string;
  submit: string;
  onSubmit: () => void;
  inputClass: string;
}) {
  const length = textLength(value.trim());
  return (
    <View className="qs-section market-post__form" role="dialog" aria-label={title}>
      <Text className="qs-section__title">{title}</Text>
      <Text className="qs-muted market-post__hint">{hint}</Text>
      <Textarea
        className={`market-post__textarea ${inputClass}`}
        value={value}
        maxlength={-1}
        placeholder={placeholder}
        placeholderClass="qs-field__placeholder"
        disableDefaultPadding
        nativeProps={{ 'aria-label': label }}
        onInput={(e) => onInput(e.detail.value)}
      />
      <View className="market-post__count-row">
        {v.fieldError ? (
          <Text className="qs-field__error market-post__field-error">{v.fieldError}</Text>
        ) : (
          <Text className="qs-field__hint">必填</Text>
        )}
        <Text className={`market-post__count${length > max ? ' market-post__count--over' : ''}`}>
          {`${length}/${max}`}
        </Text>
      </View>
      <FormError v={v} />
      <View className="market-post__form-actions">
        <Button className="qs-btn qs-btn--plain" disabled={v.busy} onClick={v.cancel}>
          取消
        </Button>
        <Button className={`qs-btn ${inputClass}-submit`} loading={v.busy} disabled={v.busy} onClick={onSubmit}>
          {submit}
        </Button>
      </View>
    </View>
  );
}

function FormError({ v }: { v: MarketPostView }) {
  if (!v.formError) return null;
  return (
    <View className="market-post__form-error" role="alert">
      <Text className="qs-field__error">{v.formError}</Text>
      {v.unbound && (
        <Button className="qs-btn qs-btn--plain" onClick={v.bind}>
          绑定企业
        </Button>
      )}
    </View>
  );
}

/** The owner's tools: 编辑, 关闭 (confirmed), 续期 (days). */
function Manage({ v, p }: { v: MarketPostView; p: MarketPostDetail }) {
  const canClose = p.status === 'active' || p.status === 'held' || p.status === 'expired';
  const canRenew = p.status !== 'taken_down';
  return (
    <View className="qs-section market-post__manage">
      <Text className="qs-section__title">管理我的信息</Text>
      {v.form === 'close' ? (
        <View role="dialog" aria-label="确认关闭">
          <Text className="market-post__para">关闭后该信息不再在商圈展示，可随时续期重新展示。确认关闭吗？</Text>
          <FormError v={v} />
          <View className="market-post__form-actions">
            <Button className="qs-btn qs-btn--plain" disabled={v.busy} onClick={v.cancel}>
              取消
            </Button>
            <Button
              className="qs-btn qs-btn--danger market-post__close-confirm"
              loading={v.busy}
              disabled={v.busy}
              onClick={v.close}
            >
              确认关闭
            </Button>
          </View>
        </View>
      ) : v.form === 'renew' ? (
        <View role="dialog" aria-label="续期">
          <Text className="market-post__para">自今天起再展示：</Text>
          <Chips
            label="续期天数"
            className="market-post__days"
            choices={VALID_DAY_CHOICES.map((d) => ({ value: String(d), label: `${d} 天` }))}
            value={String(v.days)}
            onChange={(d) => v.setDays(Number(d))}
          />
          {v.fieldError && <Text className="qs-field__error">{v.fieldError}</Text>}
          <FormError v={v} />
          <View className="market-post__form-actions">
            <Button className="qs-btn qs-btn--plain" disabled={v.busy} onClick={v.cancel}>
              取消
            </Button>
            <Button className="qs-btn market-post__renew-confirm" loading={v.busy} disabled={v.busy} onClick={v.renew}>
              确认续期
            </Button>
          </View>
        </View>
      ) : (
        <View className="market-post__form-actions">
          {p.status !== 'taken_down' && (
            <Button className="qs-btn qs-btn--plain market-post__edit" onClick={v.edit}>
              编辑
            </Button>
          )}
          {canClose && (
            <Button className="qs-btn qs-btn--plain market-post__close" onClick={() => v.open('close')}>
              关闭
            </Button>
          )}
          {canRenew && (
            <Button className="qs-btn market-post__renew" onClick={() => v.open('renew')}>
              续期
            </Button>
          )}
        </View>
      )}
    </View>
  );
}

/** 我要对接 / the request already sent, and 举报, for everyone but the post's managers and staff. */
function Contact({ v, p }: { v: MarketPostView; p: MarketPostDetail }) {
  if (v.form === 'contact') {
    return (
      <TextForm
        v={v}
        title="我要对接"
        label="对接留言"
        hint="对方同意后，双方才能看到彼此的联系人和电话；在此之前任何一方都看不到。"
        value={v.message}
        onInput={v.setMessage}
        max={MARKET_MESSAGE_MAX}
        placeholder="介绍贵企业和想对接的内容，如产品、数量、合作方式"
        submit="发送对接申请"
        onSubmit={v.sendContact}
        inputClass="market-post__message"
      />
    );
  }
  if (v.form === 'report') {
    return (
      <TextForm
        v={v}
        title="举报"
        label="举报理由"
        hint="工作人员核实后处理，举报人信息不会告知发布企业。"
        value={v.reason}
        onInput={v.setReason}
        max={MARKET_REASON_MAX}
        placeholder="请说明举报理由，如虚假信息、违法广告"
        submit="提交举报"
        onSubmit={v.sendReport}
        inputClass="market-post__reason"
      />
    );
  }
  const r = v.myRequest;
  return (
    <View className="qs-section market-post__contact">
      {r ? (
        <View className="market-post__sent" data-status={r.status}>
          <View className="market-post__sent-head">
            <Text className="market-post__sent-title">我的对接申请</Text>
            <Text className={`qs-tag qs-tag--${requestTone(r.status)}`}>{CONTACT_REQUEST_STATUS_LABEL[r.status]}</Text>
          </View>
          <Text className="qs-muted">
            {r.status === 'accepted'
              ? '对方已接受，可在对接详情中查看对方联系方式。'
              : '对方接受后，可在对接详情中查看对方联系方式。'}
          </Text>
          <Button className="qs-btn qs-btn--plain market-post__request" onClick={() => v.openRequest(r.id)}>
            查看对接详情
          </Button>
        </View>
      ) : (
        p.status === 'active' && (
          <>
            <Text className="qs-muted">联系方式在对方接受对接后才会显示。</Text>
            <Button className="qs-btn market-post__ask" onClick={() => v.open('contact')}>
              {v.signedIn ? '我要对接' : '登录后对接'}
            </Button>
          </>
        )
      )}
      {v.reported ? (
        <Text className="qs-muted market-post__reported">已举报，工作人员会尽快核实</Text>
      ) : (
        <View className="market-post__report" role="button" onClick={() => v.open('report')}>
          举报
        </View>
      )}
    </View>
  );
}

function NotFound({ v }: { v: MarketPostView }) {
  return (
    <View className="qs-section market-post__not-found" role="alert">
      <Text className="qs-section__title">信息不存在或已下线</Text>
      <Text className="qs-muted">该供需信息可能已关闭、过期或被下架，或链接有误。</Text>
      <Button className="qs-btn" onClick={v.board}>
        去企业商圈
      </Button>
      <Button className="qs-btn qs-btn--plain" onClick={goBack}>
        返回
      </Button>
    </View>
  );
}

/** 供需详情: the post, its suggested matches, and 我要对接 / 举报 — or, for its managers, 编辑 / 关闭 / 续期. */
function MarketPostContent() {
  const v = useMarketPost();
  if (v.notFound) return <NotFound v={v} />;
  const p = v.post;
  return (
    <StateView loading={v.loading && !p} error={p ? null : v.error} onRetry={() => void v.reload()}>
      {p && (
        <>
          <Header p={p} />
          <Description p={p} />
          {p.canManage ? <Manage v={v} p={p} /> : !v.staff && <Contact v={v} p={p} />}
          <Matches v={v} />
        </>
      )}
    </StateView>
  );
}

export default function MarketPostPage() {
  return (
    <PageShell className="market-post">
      <MarketPostContent />
    </PageShell>
  );
}
