import { Button, Text, Textarea, View } from '@tarojs/components';
import { MARKET_INTRODUCTION_MAX, MARKET_PRODUCTS_MAX, textLength } from '@qsgj/shared/rules';
import AuthedImage from '@/components/authed-image';
import ImagePicker from '@/components/image-picker';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import { goBack } from '@/utils/routes';
import type { ListingForm } from './form';
import { type Listing, useListing } from './use-listing';
import './index.scss';

const STATE_TEXT = { never: '尚未加入企业名录', listed: '已在企业名录中展示', left: '已退出企业名录，当前不展示' };
const STATE_TONE = { never: 'wait', listed: 'ok', left: 'bad' };

/** What the directory shows, and what it never shows. */
function Explain() {
  return (
    <View className="qs-section market-listing__explain">
      <Text className="qs-section__title">企业名录展示什么</Text>
      <Text className="market-listing__explain-line">
        加入后，其他企业可以在「企业商圈」中搜索到贵企业，看到：企业名称、所在区域和所属行业（来自一企一档）、企业简介、主营产品与服务、企业标志。
      </Text>
      <Text className="market-listing__explain-line market-listing__no-contact">
        名录中从不显示联系人和电话。其他企业须通过供需信息发起对接申请，您同意后双方才能看到彼此的联系方式。
      </Text>
      <Text className="market-listing__explain-line">
        是否展示由企业管理员决定，可以随时退出，退出后立即从名录中移除。
      </Text>
    </View>
  );
}

function Back({ label = '返回' }: { label?: string }) {
  return (
    <Button className="qs-btn qs-btn--plain market-listing__back" onClick={goBack}>
      {label}
    </Button>
  );
}

function TextField({
  l,
  field,
  label,
  max,
  placeholder,
}: {
  l: Listing;
  field: keyof ListingForm;
  label: string;
  max: number;
  placeholder: string;
}) {
  const value = l.form![field];
  const error = l.errors[field];
  const length = textLength(value);
  return (
    <View className={`qs-field market-listing__field market-listing__${field}`}>
      <Text className="qs-field__label">{label}</Text>
      <Textarea
        className={`market-listing__text${error ? ' market-listing__text--error' : ''}`}
        value={value}
        maxlength={max}
        placeholder={placeholder}
        placeholderClass="qs-field__placeholder"
        disableDefaultPadding
        nativeProps={{ 'aria-label': label }}
        onInput={(e) => l.set(field, e.detail.value)}
      />
      <View className="market-listing__foot">
        {error ? (
          <Text className="qs-field__error market-listing__error">{error}</Text>
        ) : (
          <Text className="qs-field__hint">必填</Text>
        )}
        <Text className="market-listing__count">{`${length}/${max}`}</Text>
      </View>
    </View>
  );
}

function Logo({ l }: { l: Listing }) {
  const saved = l.savedLogo;
  return (
    <View className="qs-field market-listing__logo">
      <Text className="qs-field__label">企业标志（可选）</Text>
      {saved ? (
        <View className="market-listing__logo-saved">
          {saved.visible && saved.logo ? (
            <AuthedImage
              className="market-listing__logo-img"
              src={`${saved.logo}?v=${encodeURIComponent(saved.updatedAt ?? '')}`}
              alt="企业标志"
            />
          ) : (
            <Text className="qs-muted market-listing__logo-kept">已设置标志，加入名录后展示</Text>
          )}
          <View className="market-listing__logo-remove" role="button" onClick={l.removeLogo}>
            更换或移除标志
          </View>
        </View>
      ) : (
        <ImagePicker
          uploads={l.uploads}
          className="market-listing__picker"
          error={l.errors.logoFileId}
          disabled={l.busy}
        />
      )}
      {saved && l.errors.logoFileId && <Text className="qs-field__error">{l.errors.logoFileId}</Text>}
    </View>
  );
}

function Form({ l }: { l: Listing }) {
  const s = l.listing!;
  const where = [s.district, s.industry].filter(Boolean).join(' · ');
  return (
    <View className="qs-section market-listing__form">
      <View className="market-listing__identity">
        <Text className="market-listing__name">{s.name}</Text>
        <Text className="qs-muted market-listing__where">{where || '尚未填写所在区域和所属行业'}</Text>
        <View className="market-listing__profile" role="button" onClick={l.profile}>
          在一企一档中修改区域和行业
        </View>
      </View>
      <TextField
        l={l}
        field="introduction"
        label="企业简介"
        max={MARKET_INTRODUCTION_MAX}
        placeholder="企业的主要业务、规模、资质与优势"
      />
      <TextField
        l={l}
        field="products"
        label="主营产品与服务"
        max={MARKET_PRODUCTS_MAX}
        placeholder="如：瓦楞纸箱、彩印包装盒，承接定制"
      />
      <Logo l={l} />
    </View>
  );
}

function Actions({ l }: { l: Listing }) {
  const listed = l.state === 'listed';
  return (
    <View className="qs-section market-listing__actions">
      {l.error && (
        <View className="qs-field__error market-listing__form-error" role="alert">
          {l.error}
        </View>
      )}
      {l.confirmLeave ? (
        <View className="market-listing__confirm" role="alert">
          <Text className="market-listing__confirm-text">
            退出后贵企业将立即从企业名录中移除，其他企业不能再搜索到；已填写的内容会保留，可随时重新加入。确定退出吗？
          </Text>
          <Button
            className="qs-btn qs-btn--danger market-listing__leave-confirm"
            disabled={l.busy}
            loading={l.busy}
            onClick={l.leave}
          >
            确定退出
          </Button>
          <Button
            className="qs-btn qs-btn--plain market-listing__leave-cancel"
            disabled={l.busy}
            onClick={l.cancelLeave}
          >
            取消
          </Button>
        </View>
      ) : listed ? (
        <>
          <Button className="qs-btn market-listing__save" disabled={l.busy} loading={l.busy} onClick={l.save}>
            保存修改
          </Button>
          <Button className="qs-btn qs-btn--plain market-listing__leave" disabled={l.busy} onClick={l.askLeave}>
            退出名录
          </Button>
        </>
      ) : (
        <Button className="qs-btn market-listing__join" disabled={l.busy} loading={l.busy} onClick={l.join}>
          {l.state === 'left' ? '重新加入名录' : '加入企业名录'}
        </Button>
      )}
    </View>
  );
}

/** Who cannot edit the listing, and why (the server's words), with a way on. */
function Refused({ l }: { l: Listing }) {
  const member = l.refusal === 'member';
  return (
    <View className="qs-section market-listing__refused" role="alert">
      <Text className="qs-section__title">{member ? '仅企业管理员可以管理企业名录' : '需要先绑定企业'}</Text>
      <Text className="market-listing__refused-reason">{l.loaded.error!.message}</Text>
      <Text className="qs-muted">
        {member
          ? '贵企业是否加入企业名录、展示哪些内容，由企业管理员决定。如需调整，请联系贵企业的管理员。'
          : '绑定企业并通过审核后，企业管理员可以让企业加入企业名录。'}
      </Text>
      {!member && (
        <Button className="qs-btn market-listing__bind" onClick={l.bind}>
          绑定企业
        </Button>
      )}
      <Back />
    </View>
  );
}

/** 企业名录入驻: explain, then the owner's form; 加入 / 保存修改 / 退出名录. */
function MarketListing() {
  const l = useListing();
  if (!l.session) {
    return (
      <View>
        <View className="qs-section market-listing__signed-out">
          <Text className="qs-section__title">登录后管理企业名录</Text>
          <Text className="qs-muted">企业管理员登录后，可以让本企业加入企业名录，被其他企业搜索到。</Text>
          <Button className="qs-btn market-listing__login" onClick={l.login}>
            登录
          </Button>
        </View>
        <Explain />
      </View>
    );
  }
  if (l.staff) {
    return (
      <View className="qs-section market-listing__staff">
        <Text className="qs-section__title">企业名录由企业自行管理</Text>
        <Text className="qs-muted">工作人员账号不能加入企业名录。</Text>
        <Back />
      </View>
    );
  }
  if (l.refusal) return <Refused l={l} />;
  return (
    <StateView
      loading={!l.form && l.loaded.loading}
      error={l.form ? null : l.loaded.error}
      onRetry={() => void l.loaded.reload()}
    >
      {l.form && l.listing && l.state && (
        <View className="market-listing">
          <View className="qs-section market-listing__status">
            <Text
              className={`qs-tag qs-tag--${STATE_TONE[l.state]} market-listing__state market-listing__state--${l.state}`}
            >
              {STATE_TEXT[l.state]}
            </Text>
          </View>
          {l.state !== 'listed' && <Explain />}
          <Form l={l} />
          <Actions l={l} />
        </View>
      )}
    </StateView>
  );
}

export default function MarketListingPage() {
  return (
    <PageShell className="market-listing-page">
      <MarketListing />
    </PageShell>
  );
}
