import { Button, Text, View } from '@tarojs/components';
import ListFooter from '@/components/list-footer';
import PageShell from '@/components/page-shell';
import PolicyHighlight from '@/components/policy-highlight';
import SearchBox from '@/components/search-box';
import StateView from '@/components/state-view';
import { openPage, PAGES } from '@/utils/routes';
import { FAQ_QUERY_MAX, useFaqList } from './use-faq-list';
import './index.scss';

type List = ReturnType<typeof useFaqList>;

function Search({ s }: { s: List }) {
  return (
    <SearchBox
      value={s.text}
      onInput={s.setText}
      onSearch={s.search}
      onClear={s.clear}
      maxlength={FAQ_QUERY_MAX}
      placeholder="搜索问题，如：营业执照、社保"
      label="搜索常见问题"
      classes={{ box: 'faq-list__box', input: 'faq-list__input', clear: 'faq-list__clear', submit: 'faq-list__submit' }}
    />
  );
}

function Chips({ s }: { s: List }) {
  if (s.categories.length === 0) return null;
  return (
    <View className="faq-list__chips" role="group" aria-label="问题类别">
      <View
        className={`faq-list__chip${s.category === null ? ' faq-list__chip--on' : ''}`}
        role="button"
        aria-pressed={s.category === null}
        onClick={() => s.setCategory(null)}
      >
        全部
      </View>
      {s.categories.map((c) => (
        <View
          key={c}
          className={`faq-list__chip${s.category === c ? ' faq-list__chip--on' : ''}`}
          role="button"
          aria-pressed={s.category === c}
          onClick={() => s.setCategory(c)}
        >
          {c}
        </View>
      ))}
    </View>
  );
}

/** 常见问题: a search box, category chips, the published entries; a tap opens one. */
function FaqList() {
  const s = useFaqList();
  const { list } = s;
  const emptyText = s.q
    ? `没有找到与「${s.q}」相关的问题，换个词试试，或直接向管家咨询`
    : s.category
      ? '该类别下暂无常见问题'
      : '暂无常见问题';
  return (
    <>
      <View className="faq-list__search">
        <Search s={s} />
        <Chips s={s} />
      </View>
      <View className="faq-list__results">
        <StateView
          {...list.state}
          emptyText={emptyText}
          emptyAction={
            <Button
              className="qs-btn qs-btn--plain faq-list__ask"
              onClick={() => void openPage(`${PAGES.caseNew}?type=consult`)}
            >
              向管家咨询
            </Button>
          }
        >
          {list.items.map((f) => (
            <View
              key={f.id}
              className="qs-section faq-card"
              data-id={f.id}
              role="link"
              onClick={() => void openPage(`${PAGES.faqDetail}?id=${encodeURIComponent(f.id)}`)}
            >
              <PolicyHighlight className="faq-card__question" segments={f.highlight?.question} fallback={f.question} />
              <PolicyHighlight className="faq-card__excerpt" segments={f.highlight?.snippet} fallback={f.excerpt} />
              <View className="faq-card__tags">
                {f.categories.map((c) => (
                  <Text key={c} className="faq-card__category">
                    {c}
                  </Text>
                ))}
                <Text className="qs-muted faq-card__views">{f.viewCount} 次浏览</Text>
              </View>
            </View>
          ))}
          <ListFooter list={list} />
        </StateView>
      </View>
    </>
  );
}

export default function FaqListPage() {
  return (
    <PageShell className="faq-list">
      <FaqList />
    </PageShell>
  );
}
