import { Picker, RichText, Text, Textarea, View } from '@tarojs/components';
import { NEWS_BODY_MAX, NEWS_SOURCE_MAX, NEWS_SUMMARY_MAX, NEWS_TITLE_MAX } from '@qsgj/shared/rules';
import AuthedImage from '@/components/authed-image';
import Field from '@/components/field';
import ImagePicker from '@/components/image-picker';
import PageShell from '@/components/page-shell';
import Picture from '@/components/picture';
import { ActionBar, ConfirmBox, EditorButton, EditorShell } from '@/packages/workbench/components/editor-shell';
import { NewsStateTag } from '@/packages/workbench/components/news-admin';
import { policyTime } from '@/packages/workbench/components/policy-admin';
import { previewHtml, RichTextField } from '@/packages/workbench/components/policy-form';
import { quickTimes, scheduleText } from './form';
import { useNewsEdit } from './use-news-edit';
import './index.scss';

type Edit = ReturnType<typeof useNewsEdit>;

const BLOCK = 'wb-news-edit';

function Toggle({
  on,
  label,
  className,
  onChange,
}: {
  on: boolean;
  label: string;
  className: string;
  onChange: (on: boolean) => void;
}) {
  return (
    <View
      className={`wb-news-edit__toggle ${className}${on ? ' wb-news-edit__toggle--on' : ''}`}
      role="switch"
      aria-checked={on}
      onClick={() => onChange(!on)}
    >
      <Text className="wb-news-edit__toggle-box">{on ? '✓' : ''}</Text>
      <Text>{label}</Text>
    </View>
  );
}

function Cover({ e }: { e: Edit }) {
  return (
    <View className="qs-field wb-news-edit__cover">
      <Text className="qs-field__label">封面图片</Text>
      {e.savedCover ? (
        <View className="wb-news-edit__cover-saved">
          <AuthedImage className="wb-news-edit__cover-img" src={e.savedCover} alt="当前封面" />
          <View className="wb-news-edit__cover-remove" role="button" onClick={e.removeCover}>
            移除封面
          </View>
        </View>
      ) : (
        <ImagePicker
          uploads={e.uploads}
          className="wb-news-edit__picker"
          error={e.errors.coverFileId}
          disabled={e.busy}
        />
      )}
      <Text className="qs-muted">建议横图（约 16:9），JPEG、PNG 或 WebP，不超过 10 MB；不选则显示默认封面</Text>
    </View>
  );
}

function Schedule({ e }: { e: Edit }) {
  const f = e.form!;
  if (e.state === 'published' || e.state === 'withdrawn') return null;
  return (
    <View className="qs-field wb-news-edit__schedule">
      <Text className="qs-field__label">发布时间</Text>
      <View className="wb-news-edit__modes">
        <View
          className={`wb-news-edit__mode-chip wb-news-edit__mode-now${!f.schedule ? ' wb-news-edit__mode-chip--on' : ''}`}
          role="radio"
          aria-checked={!f.schedule}
          onClick={() => e.set('schedule', false)}
        >
          立即发布
        </View>
        <View
          className={`wb-news-edit__mode-chip wb-news-edit__mode-schedule${f.schedule ? ' wb-news-edit__mode-chip--on' : ''}`}
          role="radio"
          aria-checked={f.schedule}
          onClick={() => e.set('schedule', true)}
        >
          定时发布
        </View>
      </View>
      {f.schedule && (
        <>
          <View className="wb-news-edit__when">
            <Picker mode="date" value={f.day} onChange={(ev) => e.set('day', String(ev.detail.value))}>
              <View className="qs-field__input wb-news-edit__day">{f.day || '选择日期'}</View>
            </Picker>
            <Picker mode="time" value={f.time} onChange={(ev) => e.set('time', String(ev.detail.value))}>
              <View className="qs-field__input wb-news-edit__time">{f.time || '选择时间'}</View>
            </Picker>
          </View>
          <View className="wb-news-edit__quick">
            {quickTimes(new Date()).map((q) => (
              <View
                key={q.key}
                className={`wb-news-edit__quick-chip wb-news-edit__quick--${q.key}`}
                role="button"
                onClick={() => {
                  e.set('day', q.day);
                  e.set('time', q.time);
                }}
              >
                {q.label}
              </View>
            ))}
          </View>
          {scheduleText(f) && (
            <Text className="wb-news-edit__schedule-text">将于 {scheduleText(f)} 发布（北京时间）</Text>
          )}
        </>
      )}
      {e.errors.publishAt && <Text className="qs-field__error">{e.errors.publishAt}</Text>}
    </View>
  );
}

function Form({ e }: { e: Edit }) {
  const f = e.form!;
  return (
    <View className="qs-section wb-news-edit__form">
      <Field
        label="标题"
        inputClass="wb-news-edit__title"
        value={f.title}
        maxlength={NEWS_TITLE_MAX}
        onInput={(v) => e.set('title', v)}
        error={e.errors.title}
      />
      <View className="qs-field">
        <Text className="qs-field__label">摘要</Text>
        <Textarea
          className="policy-rich__input wb-news-edit__summary"
          value={f.summary}
          maxlength={NEWS_SUMMARY_MAX}
          placeholder="列表中显示的一两句话"
          placeholderClass="qs-field__placeholder"
          nativeProps={{ 'aria-label': '摘要' }}
          onInput={(ev) => e.set('summary', ev.detail.value)}
        />
        {e.errors.summary && <Text className="qs-field__error">{e.errors.summary}</Text>}
      </View>
      <Field
        label="来源"
        inputClass="wb-news-edit__source"
        value={f.source}
        maxlength={NEWS_SOURCE_MAX}
        placeholder="如 湘潭市优化营商环境协调事务中心"
        onInput={(v) => e.set('source', v)}
        error={e.errors.source}
      />
      <Cover e={e} />
      <RichTextField
        label="正文"
        className="wb-news-edit__body"
        value={f.body}
        maxlength={NEWS_BODY_MAX}
        placeholder="每行一段；或用上方按钮插入格式"
        onChange={(v) => e.set('body', v)}
        error={e.errors.body}
      />
      <Toggle
        on={f.pinned}
        label="置顶（列表中排在最前）"
        className="wb-news-edit__pinned"
        onChange={(v) => e.set('pinned', v)}
      />
      <Schedule e={e} />
    </View>
  );
}

/** The article as readers will see it (the editor's 预览). */
function Preview({ e }: { e: Edit }) {
  const f = e.form!;
  const picked = e.uploads.items[0];
  return (
    <View className="qs-section wb-news-edit__preview">
      <Text className="wb-news-edit__preview-title">{f.title.trim() || '（未填写标题）'}</Text>
      <Text className="wb-news-edit__preview-meta">
        {[f.pinned ? '置顶' : '', f.source.trim(), f.schedule && scheduleText(f) ? `定时 ${scheduleText(f)}` : '']
          .filter(Boolean)
          .join(' · ')}
      </Text>
      {picked ? (
        <Picture className="wb-news-edit__preview-cover" src={picked.path} alt="封面预览" />
      ) : (
        e.savedCover && <AuthedImage className="wb-news-edit__preview-cover" src={e.savedCover} alt="封面预览" />
      )}
      {f.summary.trim() && <Text className="wb-news-edit__preview-summary">{f.summary.trim()}</Text>}
      {f.body.trim() ? (
        <RichText className="wb-news-edit__preview-body" nodes={previewHtml(f.body)} />
      ) : (
        <Text className="qs-muted">暂无正文</Text>
      )}
    </View>
  );
}

function Actions({ e }: { e: Edit }) {
  const live = e.state === 'published' || e.state === 'scheduled';
  const at = e.confirm?.kind === 'publish' ? e.confirm.publishAt : undefined;
  const b = { block: BLOCK, busy: e.busy };
  return (
    <ActionBar block={BLOCK} dirty={e.dirty} error={e.error}>
      {e.confirm?.kind === 'publish' && (
        <ConfirmBox
          {...b}
          kind="publish"
          text={
            at
              ? `将于 ${policyTime(at)}（北京时间）自动对公众可见，在此之前仅工作人员可见。确定定时发布吗？`
              : '发布后所有人都能在营商动态中看到这篇文章。确定立即发布吗？'
          }
          action={at ? '确定定时发布' : '确定发布'}
          actionName="publish-confirm"
          cancelName="confirm-cancel"
          onConfirm={e.publish}
          onCancel={e.cancelConfirm}
        />
      )}
      {e.confirm?.kind === 'withdraw' && (
        <ConfirmBox
          {...b}
          kind="withdraw"
          text={
            e.state === 'scheduled'
              ? '撤回后这篇文章到时不会发布。确定撤回吗？'
              : '撤回后公众将不能再查看这篇文章。确定撤回吗？'
          }
          action="确定撤回"
          actionName="withdraw-confirm"
          danger
          cancelName="confirm-cancel"
          onConfirm={e.withdraw}
          onCancel={e.cancelConfirm}
        />
      )}
      {!e.confirm && (
        <>
          <EditorButton {...b} name="save" tone="plain" spin onClick={e.save}>
            {live ? '保存修改' : '保存草稿'}
          </EditorButton>
          {e.state !== 'published' && (
            <EditorButton {...b} name="publish" onClick={e.askPublish}>
              {e.state === 'scheduled' ? '调整发布时间' : '发布'}
            </EditorButton>
          )}
          {live && (
            <EditorButton {...b} name="withdraw" tone="danger" onClick={e.askWithdraw}>
              撤回
            </EditorButton>
          )}
        </>
      )}
    </ActionBar>
  );
}

/** 编辑动态 (admins): the form, its preview as readers see it, 保存 / 发布（立即或定时） / 撤回. */
function NewsEditor() {
  const e = useNewsEdit();
  return (
    <EditorShell
      block={BLOCK}
      what="营商动态"
      edit={e}
      tag={<NewsStateTag state={e.state} />}
      heading={e.id ? '编辑动态' : '新建动态'}
      extra={
        e.saved?.state === 'scheduled' &&
        e.saved.publishedAt && <Text className="wb-news-edit__scheduled">定时 {policyTime(e.saved.publishedAt)}</Text>
      }
    >
      {() => (
        <>
          {e.preview ? <Preview e={e} /> : <Form e={e} />}
          <Actions e={e} />
        </>
      )}
    </EditorShell>
  );
}

export default function NewsEditPage() {
  return (
    <PageShell className="workbench-news-edit">
      <NewsEditor />
    </PageShell>
  );
}
