import { Button, Text, Textarea, View } from '@tarojs/components';
import type { ServicePackageDetail } from '@qsgj/shared/contracts';
import PageShell from '@/components/page-shell';
import PolicyMatchChips from '@/components/policy-match';
import StateView from '@/components/state-view';
import { goBack, openPage, PAGES } from '@/utils/routes';
import { eligibilityRows, NOTE_MAX, satisfactionText, timeLimitText } from '@/packages/services/words';
import { useServicePackage } from './use-service-package';
import './index.scss';

type Detail = ReturnType<typeof useServicePackage>;

function Row({ label, children }: { label: string; children: string }) {
  return (
    <View className="service-detail__row">
      <Text className="service-detail__label">{label}</Text>
      <Text className="service-detail__value">{children}</Text>
    </View>
  );
}

function Header({ p }: { p: ServicePackageDetail }) {
  return (
    <View className="qs-section service-detail__header">
      <Text className="service-detail__title">{p.name}</Text>
      {!p.active && <Text className="qs-tag qs-tag--bad">已下架</Text>}
      <Row label="提供部门">{p.provider.name}</Row>
      <Row label="办理时限">{timeLimitText(p)}</Row>
      <Row label="服务情况">{`已申请 ${p.applications} 次 · ${satisfactionText(p)}`}</Row>
    </View>
  );
}

function Description({ p }: { p: ServicePackageDetail }) {
  return (
    <View className="qs-section service-detail__description">
      <Text className="qs-section__title">服务介绍</Text>
      {p.description.split('\n').map((line, i) => (
        <Text key={i} className="service-detail__para">
          {line}
        </Text>
      ))}
    </View>
  );
}

function Eligibility({ p }: { p: ServicePackageDetail }) {
  return (
    <View className="qs-section service-detail__eligibility">
      <Text className="qs-section__title">申请条件</Text>
      {eligibilityRows(p.eligibility).map((r) => (
        <Row key={r.label} label={r.label}>
          {r.value}
        </Row>
      ))}
      {p.match && (
        <View className="service-detail__match">
          <Text className={`service-detail__verdict service-detail__verdict--${p.match.eligible ? 'yes' : 'no'}`}>
            {p.match.eligible ? '本企业符合申请条件' : '本企业暂不符合申请条件'}
          </Text>
          <PolicyMatchChips match={p.match} />
        </View>
      )}
    </View>
  );
}

function Materials({ p }: { p: ServicePackageDetail }) {
  return (
    <View className="qs-section service-detail__materials">
      <Text className="qs-section__title">所需材料</Text>
      {p.materials.length === 0 ? (
        <Text className="qs-muted">无需准备材料</Text>
      ) : (
        p.materials.map((m, i) => (
          <Text key={i} className="service-detail__material">
            {`${i + 1}. ${m}`}
          </Text>
        ))
      )}
    </View>
  );
}

function Confirm({ d, p }: { d: Detail; p: ServicePackageDetail }) {
  return (
    <View className="qs-section service-detail__confirm" role="dialog" aria-label="确认申请">
      <Text className="qs-section__title">核对申请信息</Text>
      <Text className="service-detail__para">{`申请「${p.name}」，由${p.provider.name}在 ${timeLimitText(p)}。`}</Text>
      <Text className="qs-muted service-detail__prefill">
        企业名称、信用代码、行业、规模、区域和资质将按一企一档自动填写，无需重复录入。
      </Text>
      {p.match && p.match.met.length > 0 && (
        <Text className="service-detail__para">{`符合条件：${p.match.met.join('、')}`}</Text>
      )}
      <View className="qs-field">
        <Text className="qs-field__label">补充说明（选填）</Text>
        <Textarea
          className="service-detail__note"
          value={d.note}
          maxlength={NOTE_MAX}
          placeholder="如希望的办理时间、联系人等"
          placeholderClass="qs-field__placeholder"
          disableDefaultPadding
          nativeProps={{ 'aria-label': '补充说明' }}
          onInput={(e) => d.setNote(e.detail.value)}
        />
      </View>
      {d.applyError && <Text className="qs-field__error service-detail__error">{d.applyError}</Text>}
      <View className="service-detail__confirm-actions">
        <Button className="qs-btn qs-btn--plain service-detail__cancel" disabled={d.busy} onClick={d.cancel}>
          取消
        </Button>
        <Button className="qs-btn service-detail__submit" loading={d.busy} disabled={d.busy} onClick={d.submit}>
          确认申请
        </Button>
      </View>
    </View>
  );
}

function Actions({ d, p }: { d: Detail; p: ServicePackageDetail }) {
  if (d.gate === 'staff' || !p.active || d.confirming) return null;
  let action;
  if (d.gate === 'unbound') {
    action = (
      <Button className="qs-btn service-detail__apply" onClick={d.bind}>
        绑定企业后申请
      </Button>
    );
  } else if (d.gate === 'ineligible') {
    action = (
      <Button className="qs-btn service-detail__apply" disabled>
        暂不符合申请条件
      </Button>
    );
  } else {
    action = (
      <Button className="qs-btn service-detail__apply" onClick={d.start}>
        {d.gate === 'visitor' ? '登录后申请' : '立即申请'}
      </Button>
    );
  }
  return (
    <>
      <View className="service-detail__spacer" />
      <View className="service-detail__actions">{action}</View>
    </>
  );
}

function NotFound() {
  return (
    <View className="qs-section service-detail__not-found" role="alert">
      <Text className="qs-section__title">服务不存在或已下架</Text>
      <Text className="qs-muted">该服务可能已下架，或链接有误。您可以在惠企服务中查看其他服务。</Text>
      <Button className="qs-btn" onClick={() => void openPage(PAGES.servicePackages)}>
        去惠企服务
      </Button>
      <Button className="qs-btn qs-btn--plain" onClick={goBack}>
        返回
      </Button>
    </View>
  );
}

/** 服务详情: what the package offers, who may apply (and whether my enterprise does), materials, and 立即申请. */
function Content() {
  const d = useServicePackage();
  if (d.notFound) return <NotFound />;
  const p = d.pkg;
  return (
    <StateView loading={d.loading && !p} error={p ? null : d.error} onRetry={() => void d.reload()}>
      {p && (
        <>
          <Header p={p} />
          <Description p={p} />
          <Eligibility p={p} />
          <Materials p={p} />
          {d.confirming && <Confirm d={d} p={p} />}
          <Actions d={d} p={p} />
        </>
      )}
    </StateView>
  );
}

export default function ServicesDetailPage() {
  return (
    <PageShell className="service-detail">
      <Content />
    </PageShell>
  );
}
