import { Button, Label, Switch, Text, Textarea, View } from '@tarojs/components';
import type { PolicyImportReport } from '@qsgj/shared/contracts';
import { DICTIONARY_KIND_LABEL } from '@qsgj/shared/enums';
import PageShell from '@/components/page-shell';
import { AdminOnly } from '@/packages/workbench/components/policy-admin';
import { usePolicyImport } from './use-policy-import';
import './index.scss';

type Import = ReturnType<typeof usePolicyImport>;

const OUTCOME_LABEL = { created: '新增', updated: '更新', refused: '未导入' } as const;

function Report({ v, report }: { v: Import; report: PolicyImportReport }) {
  const reasons = new Map(report.refused.map((r) => [r.row, r.errors]));
  return (
    <View className="qs-section wb-import__report">
      <Text className="qs-section__title">导入结果</Text>
      {v.source && <Text className="qs-muted wb-import__source">来源：{v.source}</Text>}
      <Text className="wb-import__summary">
        新增 {report.created} 条，更新 {report.updated} 条，未导入 {report.refused.length} 条
        {report.published ? `，已发布 ${report.published} 条` : ''}
      </Text>
      {report.dictionaryAdded.length > 0 && (
        <Text className="qs-muted wb-import__added">
          已补充字典：{report.dictionaryAdded.map((d) => `${DICTIONARY_KIND_LABEL[d.kind]}「${d.value}」`).join('、')}
        </Text>
      )}
      <View className="wb-import__rows">
        {report.rows.map((r) => (
          <View
            key={r.row}
            className={`wb-import__row wb-import__row--${r.outcome}`}
            data-row={r.row}
            role={r.policyId ? 'button' : undefined}
            onClick={r.policyId ? () => v.openPolicy(r.policyId!) : undefined}
          >
            <View className="wb-import__row-head">
              <Text className="wb-import__row-number">第 {r.row} 行</Text>
              <Text className="wb-import__row-doc">{r.docNumber ?? '（无文号）'}</Text>
              <Text className={`qs-tag qs-tag--${r.outcome === 'refused' ? 'bad' : 'ok'} wb-import__outcome`}>
                {OUTCOME_LABEL[r.outcome]}
              </Text>
            </View>
            {(reasons.get(r.row) ?? []).map((e, i) => (
              <Text key={i} className="qs-field__error wb-import__reason">
                {e.field ? `${e.field}：` : ''}
                {e.message}
              </Text>
            ))}
          </View>
        ))}
      </View>
      <Button className="qs-btn qs-btn--plain wb-import__to-list" onClick={v.openList}>
        查看政策列表
      </Button>
    </View>
  );
}

/** 批量导入 (admins): pick a workbook or JSON, choose the options, read the report. */
function PolicyImport() {
  const v = usePolicyImport();
  if (!v.admin) return <AdminOnly what="涉企政策" />;
  return (
    <View className="wb-import">
      <View className="qs-section">
        <Text className="qs-section__title">导入政策</Text>
        <Text className="qs-muted wb-import__help">
          支持 Excel（.xlsx，第一行为表头）和 JSON（政策列表）。文号已存在的政策会被更新，有问题的行不导入并列出原因。
        </Text>
        <Label className="wb-import__option">
          <View className="wb-import__option-text">
            <Text className="wb-import__option-label">自动补充字典</Text>
            <Text className="qs-muted">类别、行业、区域、资质不在字典中时自动添加，而不是拒绝该行</Text>
          </View>
          <Switch
            className="wb-import__create-missing"
            checked={v.createMissing}
            color="#06753d"
            aria-label="自动补充字典"
            nativeProps={{ 'aria-label': '自动补充字典' }}
            onChange={(e) => v.setCreateMissing(Boolean(e.detail.value))}
          />
        </Label>
        <Label className="wb-import__option">
          <View className="wb-import__option-text">
            <Text className="wb-import__option-label">导入后立即发布</Text>
            <Text className="qs-muted">发布即推送给符合条件和订阅的企业用户</Text>
          </View>
          <Switch
            className="wb-import__publish"
            checked={v.publish}
            color="#06753d"
            aria-label="导入后立即发布"
            nativeProps={{ 'aria-label': '导入后立即发布' }}
            onChange={(e) => v.setPublish(Boolean(e.detail.value))}
          />
        </Label>
        <Button className="qs-btn wb-import__pick" disabled={v.busy} loading={v.busy} onClick={v.pickFile}>
          选择文件（.xlsx / .json）
        </Button>
      </View>
      <View className="qs-section wb-import__paste">
        <Text className="qs-section__title">或粘贴 JSON</Text>
        <Textarea
          className="policy-rich__input wb-import__json"
          value={v.pasted}
          maxlength={-1}
          placeholder='[{"title": "…", "docNumber": "…", "issuer": "…", "level": "city", "categories": ["…"]}]'
          placeholderClass="qs-field__placeholder"
          nativeProps={{ 'aria-label': '粘贴 JSON' }}
          onInput={(e) => v.setPasted(e.detail.value)}
        />
        <Button
          className="qs-btn qs-btn--plain wb-import__paste-go"
          disabled={v.busy || !v.pasted.trim()}
          onClick={v.importPasted}
        >
          导入粘贴的内容
        </Button>
      </View>
      {v.error && (
        <View className="qs-section qs-field__error wb-import__error" role="alert">
          {v.error}
        </View>
      )}
      {v.report && <Report v={v} report={v.report} />}
    </View>
  );
}

export default function PolicyImportPage() {
  return (
    <PageShell className="wb-import-page">
      <PolicyImport />
    </PageShell>
  );
}
