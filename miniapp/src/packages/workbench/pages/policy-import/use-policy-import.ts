import { useState } from 'react';
import type { PolicyImportReport } from '@qsgj/shared/contracts';
import { useAction } from '@/hooks/use-action';
import { adminPoliciesApi } from '@/services/policies.api';
import { openPage, PAGES, toast } from '@/utils/routes';
import { useAdmin } from '@/packages/workbench/components/policy-admin/use-admin';
import { pickImportFile, releasePicked } from './pick-file';
import { parseRows } from './rows';

/**
 * 批量导入 (admins): a workbook (.xlsx, uploaded as it is) or JSON (a file, or pasted) to
 * `POST /admin/policies/import`, with 自动补充字典 (`createMissing`) and 导入后立即发布 (`publish`); afterwards the
 * report, row by row (新增 / 更新 / 未导入 with each refused row's reasons).
 */
export function usePolicyImport() {
  const admin = useAdmin();
  const [createMissing, setCreateMissing] = useState(false);
  const [publish, setPublish] = useState(false);
  const [pasted, setPasted] = useState('');
  const [source, setSource] = useState<string>();
  const [report, setReport] = useState<PolicyImportReport>();
  const action = useAction();
  const options = () => ({ createMissing, publish });

  const finish = (answer: PolicyImportReport, from: string) => {
    setSource(from);
    setReport(answer);
    toast(`导入完成：新增 ${answer.created} 条，更新 ${answer.updated} 条`, 'none');
  };

  const pickFile = () =>
    void action.run(async () => {
      const file = await pickImportFile();
      if (!file) return;
      setReport(undefined);
      try {
        const answer =
          file.kind === 'json'
            ? await adminPoliciesApi.importRows(parseRows(file.text), options())
            : await adminPoliciesApi.importFile(file.filePath, file.name, options());
        finish(answer, file.name);
      } finally {
        releasePicked(file);
      }
    });

  const importPasted = () =>
    void action.run(async () => {
      setReport(undefined);
      const answer = await adminPoliciesApi.importRows(parseRows(pasted), options());
      finish(answer, '粘贴的 JSON');
    });

  return {
    admin,
    createMissing,
    setCreateMissing,
    publish,
    setPublish,
    pasted,
    setPasted,
    pickFile,
    importPasted,
    source,
    report,
    busy: action.busy,
    error: action.error,
    openPolicy: (id: string) => void openPage(`${PAGES.policyEdit}?id=${encodeURIComponent(id)}`),
    openList: () => void openPage(PAGES.staffPolicies),
  };
}
