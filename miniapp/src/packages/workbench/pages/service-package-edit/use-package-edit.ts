import { useEffect, useState } from 'react';
import type { DictionaryResponse, ServicePackageDetail } from '@qsgj/shared/contracts';
import type { DictionaryKind } from '@qsgj/shared/enums';
import { useAction } from '@/hooks/use-action';
import { type RequestState, useRequest } from '@/hooks/use-request';
import { dictionariesApi } from '@/services/policies.api';
import { adminServicePackagesApi, packageDepartmentsApi } from '@/services/service-packages.api';
import { toast } from '@/utils/routes';
import {
  fieldErrors,
  saveChecked,
  useEditedRecord,
  withoutError,
} from '@/packages/workbench/components/editor-shell/use-editor';
import { useAdmin } from '@/packages/workbench/components/policy-admin/use-admin';
import { EMPTY_PACKAGE_FORM, type PackageForm, packageFormErrors, packageFormOf, packageInputOf } from './form';

type Kind = Exclude<DictionaryKind, 'categories'>;

/**
 * 编辑服务包 (`?id=`; none: a new one). The package loads first, the departments and dictionaries once the form
 * shows. 保存 creates it (POST) or saves every field (PATCH); refusals are shown beside their fields. 下架 asks
 * first; 重新上架 puts a retired package back (PATCH active).
 */
export function usePackageEdit() {
  const admin = useAdmin();
  const { initialId, loaded } = useEditedRecord(admin, (id) => adminServicePackagesApi.detail(id));
  const [saved, setSaved] = useState<ServicePackageDetail>();
  const [form, setForm] = useState<PackageForm | undefined>(initialId ? undefined : EMPTY_PACKAGE_FORM);
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState(false);
  const [confirmRetire, setConfirmRetire] = useState(false);
  const action = useAction();

  useEffect(() => {
    if (!loaded.data) return;
    setSaved(loaded.data);
    setForm(packageFormOf(loaded.data));
    setDirty(false);
  }, [loaded.data]);

  const ready = admin && !!form;
  const departments = useRequest(() => packageDepartmentsApi.list(), [], { enabled: ready });
  const dicts: Record<Kind, RequestState<DictionaryResponse>> = {
    industries: useRequest(() => dictionariesApi.get('industries'), [], { enabled: ready }),
    districts: useRequest(() => dictionariesApi.get('districts'), [], { enabled: ready }),
    qualifications: useRequest(() => dictionariesApi.get('qualifications'), [], { enabled: ready }),
  };
  const options = (kind: Kind) => dicts[kind].data?.items.map((e) => ({ value: e.value, label: e.value }));

  const set = <K extends keyof PackageForm>(key: K, value: PackageForm[K]) => {
    setForm((f) => (f ? { ...f, [key]: value } : f));
    setDirty(true);
    setConfirmRetire(false);
    setErrors(withoutError(key));
  };

  const id = saved?.id ?? initialId;
  const active = saved?.active ?? true;

  const save = () =>
    void action.run(async () => {
      if (!form) return;
      await saveChecked(
        packageFormErrors(form),
        setErrors,
        async () => {
          const body = packageInputOf(form);
          const answer = id
            ? await adminServicePackagesApi.update(id, body)
            : await adminServicePackagesApi.create(body);
          setSaved(answer);
          setDirty(false);
          toast('已保存', 'success');
        },
        // This form shows a refusal at the root field only (`industries`, not `industries.0`).
        (e) => fieldErrors(e, { rootsOnly: true }),
      );
    });

  const retire = () =>
    void action.run(async () => {
      if (!id) return;
      setSaved(await adminServicePackagesApi.retire(id));
      setConfirmRetire(false);
      toast('已下架', 'success');
    });

  const reactivate = () =>
    void action.run(async () => {
      if (!id) return;
      setSaved(await adminServicePackagesApi.update(id, { active: true }));
      toast('已重新上架', 'success');
    });

  const departmentItems = departments.data ?? [];
  return {
    admin,
    id,
    loaded,
    saved,
    active,
    form,
    set,
    options,
    departments: departmentItems,
    departmentName: departmentItems.find((d) => d.id === form?.departmentId)?.name ?? saved?.provider.name ?? '',
    dirty,
    errors,
    preview,
    togglePreview: () => setPreview((p) => !p),
    confirmRetire,
    askRetire: () => setConfirmRetire(true),
    cancelRetire: () => setConfirmRetire(false),
    save,
    retire,
    reactivate,
    busy: action.busy,
    error: action.error,
  };
}
