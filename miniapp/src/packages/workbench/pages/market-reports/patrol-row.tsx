import { Button, Text, Textarea, View } from '@tarojs/components';
import type { MarketPostCard } from '@qsgj/shared/contracts';
import { MARKET_POST_KIND_LABEL, MARKET_REASON_MAX, textLength } from '@qsgj/shared/rules';
import { policyTime } from '@/packages/workbench/components/policy-admin';
import { useTakedown } from './use-market-reports';

/** A post on the board, with 下架 (a reason is required, and asked for before anything is sent). */
export function PatrolRow({
  post,
  downReason,
  onDown,
  onOpen,
}: {
  post: MarketPostCard;
  /** Taken down from this page, with this reason. */
  downReason: string | undefined;
  onDown: (id: string, reason: string) => void;
  onOpen: (postId: string) => void;
}) {
  const t = useTakedown(post, onDown);
  return (
    <View className="qs-section wb-market__patrol-row" data-id={post.id}>
      <View className="wb-market__post-head">
        <Text className={`qs-tag wb-market__kind wb-market__kind--${post.kind}`}>
          {MARKET_POST_KIND_LABEL[post.kind]}
        </Text>
        <Text className="wb-market__title">{post.title}</Text>
      </View>
      <Text className="qs-muted wb-market__meta">
        {`${post.enterprise.name} · ${post.category} · ${post.district} · ${policyTime(post.expiresAt)} 到期`}
      </Text>
      <Text className="wb-market__description">{post.excerpt}</Text>
      <View className="wb-market__open" role="button" onClick={() => onOpen(post.id)}>
        查看信息详情
      </View>
      {downReason !== undefined ? (
        <View className="wb-market__result" role="status">
          <Text className="wb-market__result-head">已下架</Text>
          <Text className="wb-market__result-note">下架理由：{downReason}</Text>
        </View>
      ) : t.open ? (
        <View className="wb-market__decide">
          <Text className="qs-field__label">下架理由</Text>
          <Textarea
            className={`wb-market__note wb-market__reason-input${t.reasonError ? ' wb-market__note--error' : ''}`}
            value={t.reason}
            maxlength={MARKET_REASON_MAX}
            placeholder="发布方会收到通知并看到这段理由"
            placeholderClass="qs-field__placeholder"
            disableDefaultPadding
            nativeProps={{ 'aria-label': '下架理由' }}
            onInput={(e) => t.setReason(e.detail.value)}
          />
          <View className="wb-market__foot">
            {t.reasonError ? (
              <Text className="qs-field__error wb-market__note-error">{t.reasonError}</Text>
            ) : (
              <Text className="qs-field__hint">必填</Text>
            )}
            <Text className="wb-market__count">{`${textLength(t.reason)}/${MARKET_REASON_MAX}`}</Text>
          </View>
          {t.error && (
            <View className="qs-field__error wb-market__error" role="alert">
              {t.error}
            </View>
          )}
          <Text className="wb-market__confirm-text">下架后这条信息立即从供需广场移除，发布方会收到通知。</Text>
          <View className="wb-market__buttons">
            <Button
              className="qs-btn qs-btn--danger wb-market__takedown-confirm"
              disabled={t.busy}
              loading={t.busy}
              onClick={t.submit}
            >
              确定下架
            </Button>
            <Button className="qs-btn qs-btn--plain wb-market__confirm-cancel" disabled={t.busy} onClick={t.cancel}>
              取消
            </Button>
          </View>
        </View>
      ) : (
        <View className="wb-market__buttons">
          <Button className="qs-btn qs-btn--danger wb-market__takedown" onClick={t.start}>
            下架
          </Button>
        </View>
      )}
    </View>
  );
}
