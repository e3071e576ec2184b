import { Button, Text, View } from '@tarojs/components';
import PageShell from '@/components/page-shell';
import PolicyCard from '@/components/policy-card';
import StateView from '@/components/state-view';
import { goBack } from '@/utils/routes';
import { useFaqDetail } from './use-faq-detail';
import './index.scss';

type Detail = ReturnType<typeof useFaqDetail>;

function NotFound({ d }: { d: Detail }) {
  return (
    <View className="qs-section faq-detail__not-found" role="alert">
      <Text className="qs-section__title">该问题不存在或已撤回</Text>
      <Text className="qs-muted">该条目可能已被撤回，或链接有误。您可以在常见问题中查找，或直接向管家咨询。</Text>
      <Button className="qs-btn" onClick={d.list}>
        去常见问题
      </Button>
      <Button className="qs-btn qs-btn--plain" onClick={goBack}>
        返回
      </Button>
    </View>
  );
}

/** 常见问题详情: the question, its answer, the policies it relies on, and 「仍有疑问？向管家咨询」. */
function FaqDetailContent() {
  const d = useFaqDetail();
  if (d.notFound) return <NotFound d={d} />;
  const e = d.entry;
  return (
    <StateView loading={d.loading && !e} error={e ? null : d.error} onRetry={() => void d.reload()}>
      {e && (
        <>
          <View className="qs-section faq-detail__head">
            <Text className="faq-detail__question">{e.question}</Text>
            <View className="faq-detail__tags">
              {e.categories.map((c) => (
                <Text key={c} className="faq-detail__category">
                  {c}
                </Text>
              ))}
              <Text className="qs-muted faq-detail__views">{e.viewCount} 次浏览</Text>
            </View>
          </View>
          <View className="qs-section faq-detail__answer">
            <Text className="qs-section__title">解答</Text>
            {e.answer.split(/\n+/).map((para, i) => (
              <Text key={i} className="faq-detail__para">
                {para}
              </Text>
            ))}
          </View>
          {e.policies.length > 0 && (
            <View className="faq-detail__policies">
              <Text className="faq-detail__policies-title">相关政策</Text>
              {e.policies.map((p) => (
                <PolicyCard key={p.id} policy={p} />
              ))}
            </View>
          )}
          <View className="qs-section faq-detail__ask">
            <Text className="faq-detail__ask-text">仍有疑问？</Text>
            <Button className="qs-btn faq-detail__ask-button" onClick={d.ask}>
              向管家咨询
            </Button>
          </View>
        </>
      )}
    </StateView>
  );
}

export default function FaqDetailPage() {
  return (
    <PageShell className="faq-detail">
      <FaqDetailContent />
    </PageShell>
  );
}
