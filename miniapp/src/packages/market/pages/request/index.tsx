import { Button, Text, View } from '@tarojs/components';
import type { ContactRequestView, MarketContact } from '@qsgj/shared/contracts';
import PageShell from '@/components/page-shell';
import StateView from '@/components/state-view';
import { caseTime } from '@/components/case-timeline/format';
import { goBack } from '@/utils/routes';
import { CONTACT_REQUEST_STATUS_LABEL, MARKET_POST_KIND_LABEL, requestTone } from '@/packages/market/components/words';
import { type ContactRequestPage, useContactRequest } from './use-contact-request';
import './index.scss';

function Row({ label, children }: { label: string; children: string }) {
  return (
    <View className="market-request__row">
      <Text className="market-request__label">{label}</Text>
      <Text className="market-request__value">{children}</Text>
    </View>
  );
}

function Summary({ r, c }: { r: ContactRequestView; c: ContactRequestPage }) {
  return (
    <View className="qs-section market-request__summary">
      <View className="market-request__head">
        <Text className="qs-section__title market-request__title">对接申请</Text>
        <Text className={`qs-tag qs-tag--${requestTone(r.status)} market-request__status`}>
          {CONTACT_REQUEST_STATUS_LABEL[r.status]}
        </Text>
      </View>
      <View className="market-request__post" role="link" onClick={() => c.openPost(r.post.id)}>
        <Text className="market-request__post-title">{`【${MARKET_POST_KIND_LABEL[r.post.kind]}】${r.post.title}`}</Text>
        <Text className="market-request__post-link">查看信息</Text>
      </View>
      <Row label="发布企业">{r.ownerEnterprise.name}</Row>
      <Row label="申请企业">{r.requesterEnterprise.name}</Row>
      <Row label="申请时间">{caseTime(r.createdAt)}</Row>
      {r.decidedAt && <Row label={r.status === 'accepted' ? '接受时间' : '处理时间'}>{caseTime(r.decidedAt)}</Row>}
      <Text className="market-request__message-title">留言</Text>
      <Text className="market-request__message">{r.message}</Text>
    </View>
  );
}

function ContactCard({ contact, c }: { contact: MarketContact; c: ContactRequestPage }) {
  return (
    <View className="qs-section market-request__contact" data-testid="counterpart">
      <Text className="qs-section__title">对方联系方式</Text>
      <Row label="企业">{contact.enterpriseName}</Row>
      <Row label="联系人">{contact.contactName ?? '未登记'}</Row>
      {contact.phone ? (
        <>
          <Row label="电话">{contact.phone}</Row>
          <View className="market-request__buttons">
            <Button className="qs-btn market-request__call" onClick={() => c.call(contact.phone as string)}>
              拨打电话
            </Button>
            <Button
              className="qs-btn qs-btn--plain market-request__copy"
              onClick={() => c.copy(contact.phone as string)}
            >
              复制电话
            </Button>
          </View>
        </>
      ) : (
        <Text className="qs-muted">对方未登记电话，可通过企业名称联系或再次发起对接。</Text>
      )}
    </View>
  );
}

/** Where the contacts are, or why none are shown. */
function Contacts({ r, c }: { r: ContactRequestView; c: ContactRequestPage }) {
  if (r.status === 'accepted' && r.counterpart) return <ContactCard contact={r.counterpart} c={c} />;
  let text: string;
  if (r.status === 'declined') {
    text =
      r.direction === 'incoming'
        ? '您已婉拒这次对接，双方的联系方式都不会显示。'
        : '对方已婉拒这次对接，双方的联系方式都不会显示。您可以关注其他供需信息。';
  } else if (r.direction === 'incoming') {
    text = '接受后，双方才能看到彼此的联系人和电话；婉拒后都不会显示。';
  } else {
    text = '对方接受后，这里会显示对方的联系人和电话；在此之前双方都看不到彼此的联系方式。';
  }
  return (
    <View className="qs-section market-request__hidden" data-status={r.status}>
      <Text className="qs-section__title">联系方式</Text>
      <Text className="market-request__explain">{text}</Text>
    </View>
  );
}

function Decide({ c }: { c: ContactRequestPage }) {
  if (!c.canDecide) return null;
  if (c.confirming) {
    const accept = c.confirming === 'accept';
    return (
      <View className="qs-section market-request__confirm" role="dialog" aria-label={accept ? '确认接受' : '确认婉拒'}>
        <Text className="market-request__explain">
          {accept
            ? '接受后，对方将看到贵企业的联系人和电话，您也会看到对方的。确认接受吗？'
            : '婉拒后，这次对接结束，双方都看不到彼此的联系方式。确认婉拒吗？'}
        </Text>
        {c.actionError && <Text className="qs-field__error">{c.actionError}</Text>}
        <View className="market-request__buttons">
          <Button className="qs-btn qs-btn--plain" disabled={c.busy} onClick={c.cancel}>
            取消
          </Button>
          <Button
            className={`qs-btn market-request__confirm-${c.confirming}${accept ? '' : ' qs-btn--danger'}`}
            loading={c.busy}
            disabled={c.busy}
            onClick={() => c.decide(c.confirming!)}
          >
            {accept ? '确认接受' : '确认婉拒'}
          </Button>
        </View>
      </View>
    );
  }
  return (
    <View className="qs-section market-request__decide">
      <View className="market-request__buttons">
        <Button className="qs-btn qs-btn--plain market-request__decline" onClick={() => c.confirm('decline')}>
          婉拒
        </Button>
        <Button className="qs-btn market-request__accept" onClick={() => c.confirm('accept')}>
          接受
        </Button>
      </View>
    </View>
  );
}

function NotFound({ c }: { c: ContactRequestPage }) {
  return (
    <View className="qs-section market-request__not-found" role="alert">
      <Text className="qs-section__title">对接申请不存在</Text>
      <Text className="qs-muted">只有申请的双方可以查看对接申请，或链接有误。</Text>
      <Button className="qs-btn" onClick={c.mine}>
        去我的供需
      </Button>
      <Button className="qs-btn qs-btn--plain" onClick={goBack}>
        返回
      </Button>
    </View>
  );
}

/** 对接详情: the request, 接受 / 婉拒 for the post's side, and the other side's contact once accepted. */
function ContactRequestContent() {
  const c = useContactRequest();
  if (!c.signedIn) {
    return (
      <View className="qs-section market-request__gate">
        <Text className="qs-section__title">请先登录</Text>
        <Text className="qs-muted">对接申请只有申请的双方可以查看，请登录后查看。</Text>
        <Button className="qs-btn" onClick={c.signIn}>
          登录
        </Button>
      </View>
    );
  }
  if (c.notFound) return <NotFound c={c} />;
  const r = c.view;
  return (
    <StateView loading={c.loading} error={c.error} onRetry={() => void c.reload()}>
      {r && (
        <>
          <Summary r={r} c={c} />
          <Decide c={c} />
          <Contacts r={r} c={c} />
        </>
      )}
    </StateView>
  );
}

export default function MarketRequestPage() {
  return (
    <PageShell className="market-request">
      <ContactRequestContent />
    </PageShell>
  );
}
