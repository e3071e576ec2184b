import { useEffect, useMemo, useState } from 'react';
import type {
  AdminEnterpriseItem,
  BulkAssignButlersDto,
  BulkAssignResult,
  ButlerChangeItem,
} from '@qsgj/shared/contracts';
import { useAction } from '@/hooks/use-action';
import { usePagedList } from '@/hooks/use-paged-list';
import { useAdmin } from '@/packages/workbench/components/policy-admin/use-admin';
import { useButlerOptions } from '@/packages/workbench/pages/staff/use-butler-options';
import { butlerAdminApi, type EnterpriseFilter } from '@/services/butler-admin.api';
import { toast } from '@/utils/routes';

/** The bulk form: which enterprises (every criterion given must hold), and to whom. */
export interface BulkForm {
  district?: string;
  park: string;
  fromButlerId?: string;
  butlerId?: string;
}

/** One enterprise opened: the butler chosen for it, and its history (first page, more on demand). */
export interface Opened {
  enterprise: AdminEnterpriseItem;
  butlerId?: string;
  history: ButlerChangeItem[];
  nextCursor: string | null;
  historyLoading: boolean;
  historyError: string | null;
}

/** The bulk filter as the server takes it: blanks left out. */
export function bulkBody(form: BulkForm): BulkAssignButlersDto | null {
  if (!form.butlerId) return null;
  const park = form.park.trim();
  return {
    butlerId: form.butlerId,
    filter: {
      ...(form.district ? { district: form.district } : {}),
      ...(park ? { park } : {}),
      ...(form.fromButlerId ? { fromButlerId: form.fromButlerId } : {}),
    },
  };
}

/**
 * 企业分配 (admins): enterprises by name with their butler (search, 区县), one opened to assign its butler and read
 * its 管家变更记录; and 批量分配 by 区县 / 园区 / 原管家 — previewed (how many match, how many change) and confirmed
 * before anything is written, then the result's counts.
 */
export function useAssignments() {
  const admin = useAdmin();
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  const [district, setDistrict] = useState<string>();
  const [districts, setDistricts] = useState<string[]>([]);
  const [opened, setOpened] = useState<Opened>();
  const [form, setForm] = useState<BulkForm>({ park: '' });
  const [preview, setPreview] = useState<BulkAssignResult>();
  const [result, setResult] = useState<BulkAssignResult>();
  const [bulkOpen, setBulkOpen] = useState(false);
  const { run, busy, error, setError } = useAction();
  // Who can serve: asked for once the bulk form or an enterprise is opened (the first render asks for 2 things only).
  const butlers = useButlerOptions(admin && (bulkOpen || !!opened));

  const filter = useMemo<EnterpriseFilter>(() => ({ q: q || undefined, district }), [q, district]);
  const list = usePagedList<AdminEnterpriseItem>((cursor) => butlerAdminApi.enterprises(filter, cursor), [filter], {
    key: (e) => e.id,
    enabled: admin,
  });

  // The 区县 choices, once the first page is on screen (the first render asks for one thing only).
  const listShown = !list.loading;
  useEffect(() => {
    if (!admin || !listShown || districts.length > 0) return;
    butlerAdminApi.districts().then(
      (d) => setDistricts(d.items.filter((i) => i.active !== false).map((i) => i.value)),
      () => setDistricts([]),
    );
  }, [admin, listShown]);

  const loadHistory = async (enterpriseId: string, cursor: string | null) => {
    setOpened((o) => (o?.enterprise.id === enterpriseId ? { ...o, historyLoading: true, historyError: null } : o));
    try {
      const page = await butlerAdminApi.history(enterpriseId, cursor);
      setOpened((o) =>
        o?.enterprise.id === enterpriseId
          ? {
              ...o,
              history: cursor ? [...o.history, ...page.items] : page.items,
              nextCursor: page.nextCursor,
              historyLoading: false,
            }
          : o,
      );
    } catch (e) {
      setOpened((o) =>
        o?.enterprise.id === enterpriseId ? { ...o, historyLoading: false, historyError: (e as Error).message } : o,
      );
    }
  };

  const open = (enterprise: AdminEnterpriseItem) => {
    setError(undefined);
    if (opened?.enterprise.id === enterprise.id) return setOpened(undefined);
    setOpened({
      enterprise,
      butlerId: enterprise.butler?.id,
      history: [],
      nextCursor: null,
      historyLoading: true,
      historyError: null,
    });
    void loadHistory(enterprise.id, null);
  };

  const assign = () => {
    const o = opened;
    if (!o?.butlerId) return setError('请选择管家');
    void run(async () => {
      const updated = await butlerAdminApi.assign(o.enterprise.id, o.butlerId!);
      list.update((rows) => rows.map((e) => (e.id === updated.id ? updated : e)));
      setOpened((cur) => (cur?.enterprise.id === updated.id ? { ...cur, enterprise: updated } : cur));
      toast('已指派', 'success');
      await loadHistory(updated.id, null);
    });
  };

  const changeForm = (patch: Partial<BulkForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setPreview(undefined);
    setResult(undefined);
    setError(undefined);
  };

  const previewBulk = () => {
    const body = bulkBody(form);
    if (!body) return setError('请选择要分配给的管家');
    if (Object.keys(body.filter).length === 0) return setError('请至少选择一个分配范围：区县、园区或原管家');
    setResult(undefined);
    void run(async () => setPreview(await butlerAdminApi.previewBulk(body)));
  };

  const confirmBulk = () => {
    const body = bulkBody(form);
    if (!body || !preview) return;
    void run(async () => {
      const done = await butlerAdminApi.bulk(body);
      setPreview(undefined);
      setResult(done);
      toast('批量分配完成', 'success');
      await list.reload();
    });
  };

  return {
    admin,
    input,
    setInput,
    q,
    search: () => setQ(input.trim()),
    clearSearch: () => {
      setInput('');
      setQ('');
    },
    district,
    setDistrict,
    districts,
    list,
    butlers,
    opened,
    open,
    chooseButler: (butlerId: string) => setOpened((o) => (o ? { ...o, butlerId } : o)),
    assign,
    moreHistory: () => opened?.nextCursor && void loadHistory(opened.enterprise.id, opened.nextCursor),
    bulkOpen,
    toggleBulk: () => {
      setBulkOpen((o) => !o);
      setError(undefined);
    },
    form,
    changeForm,
    preview,
    previewBulk,
    cancelPreview: () => setPreview(undefined),
    confirmBulk,
    result,
    busy,
    error,
  };
}
