import { useEffect, useMemo, useState } from 'react';
import type { DepartmentItem, StaffItem, StaffWorkload } from '@qsgj/shared/contracts';
import type { Role } from '@qsgj/shared/enums';
import { useAction } from '@/hooks/use-action';
import { usePagedList } from '@/hooks/use-paged-list';
import { useStore } from '@/hooks/use-store';
import { useAdmin } from '@/packages/workbench/components/policy-admin/use-admin';
import { butlerAdminApi, type StaffFilter } from '@/services/butler-admin.api';
import { sessionStore } from '@/stores/session';
import { toast } from '@/utils/routes';
import { useButlerOptions } from './use-butler-options';

export type RoleFilter = Role | 'all';
export type ActiveFilter = 'active' | 'inactive' | 'all';

export const ROLE_FILTERS: ReadonlyArray<{ key: RoleFilter; label: string }> = [
  { key: 'all', label: '全部角色' },
  { key: 'butler', label: '管家' },
  { key: 'supervisor', label: '主管' },
  { key: 'admin', label: '管理员' },
];

export const ACTIVE_FILTERS: ReadonlyArray<{ key: ActiveFilter; label: string }> = [
  { key: 'active', label: '在岗' },
  { key: 'inactive', label: '已停用' },
  { key: 'all', label: '全部' },
];

export const INTRODUCTION_MAX = 300;

/** Specialties as typed: separated by 、，, or spaces; blanks dropped, each kept once. */
export function parseSpecialties(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[、，,\s]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** The open editor of one staff member: introduction and specialties, or the deactivation with its handover. */
export interface Editing {
  staff: StaffItem;
  introduction: string;
  specialties: string;
  /** Deactivation: what they hold (loading until known), and the chosen successor. */
  deactivate?: { workload: StaffWorkload | null; successorId?: string };
}

/**
 * 管家管理 (admins): the staff by username, keyset-paged, filtered by role, department, 在岗 and a search. A row
 * opens its editor: 个人介绍 and 专长 saved in place, or 停用 — which first shows what the account still holds
 * and, when it holds anything, asks who takes it over.
 */
export function useStaff() {
  const admin = useAdmin();
  const me = useStore(sessionStore)?.user.id;
  const [role, setRole] = useState<RoleFilter>('all');
  const [active, setActive] = useState<ActiveFilter>('active');
  const [departmentId, setDepartmentId] = useState<string>();
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  const [departments, setDepartments] = useState<DepartmentItem[]>([]);
  const [editing, setEditing] = useState<Editing>();
  const { run, busy, error, setError } = useAction();

  const filter = useMemo<StaffFilter>(
    () => ({
      role: role === 'all' ? undefined : role,
      active: active === 'all' ? undefined : active === 'active',
      departmentId,
      q: q || undefined,
    }),
    [role, active, departmentId, q],
  );
  const list = usePagedList<StaffItem>((cursor) => butlerAdminApi.staff(filter, cursor), [filter], {
    key: (s) => s.id,
    enabled: admin,
  });
  const successors = useButlerOptions(admin && !!editing?.deactivate);

  // The department filter's names, once the first page is on screen (the first render asks for one thing only).
  const listShown = !list.loading;
  useEffect(() => {
    if (!admin || !listShown || departments.length > 0) return;
    butlerAdminApi.departments().then(setDepartments, () => setDepartments([]));
  }, [admin, listShown]);

  const replace = (item: StaffItem) => list.update((rows) => rows.map((s) => (s.id === item.id ? item : s)));

  const open = (staff: StaffItem) => {
    setError(undefined);
    setEditing(
      editing?.staff.id === staff.id
        ? undefined
        : { staff, introduction: staff.introduction ?? '', specialties: staff.specialties.join('、') },
    );
  };

  const save = () =>
    editing &&
    void run(async () => {
      const updated = await butlerAdminApi.updateStaff(editing.staff.id, {
        introduction: editing.introduction.trim() || null,
        specialties: parseSpecialties(editing.specialties),
      });
      replace(updated);
      setEditing(undefined);
      toast('已保存', 'success');
    });

  const startDeactivate = () => {
    if (!editing) return;
    const id = editing.staff.id;
    setEditing({ ...editing, deactivate: { workload: null } });
    void run(async () => {
      const workload = await butlerAdminApi.workload(id);
      setEditing((e) => (e?.staff.id === id ? { ...e, deactivate: { workload } } : e));
    });
  };

  const chooseSuccessor = (successorId: string) =>
    setEditing((e) => (e?.deactivate ? { ...e, deactivate: { ...e.deactivate, successorId } } : e));

  const confirmDeactivate = () => {
    const d = editing?.deactivate;
    if (!editing || !d?.workload) return;
    const needs = d.workload.enterprises + d.workload.openCases > 0;
    if (needs && !d.successorId) return setError('请选择接手人');
    void run(async () => {
      const updated = await butlerAdminApi.updateStaff(editing.staff.id, {
        active: false,
        ...(needs ? { successorId: d.successorId } : {}),
      });
      replace(updated);
      setEditing(undefined);
      toast(needs ? '已停用并完成交接' : '已停用', 'success');
      if (active === 'active') list.update((rows) => rows.filter((s) => s.id !== updated.id));
    });
  };

  const reactivate = () =>
    editing &&
    void run(async () => {
      const updated = await butlerAdminApi.updateStaff(editing.staff.id, { active: true });
      replace(updated);
      setEditing(undefined);
      toast('已启用', 'success');
    });

  return {
    admin,
    me,
    role,
    setRole,
    active,
    setActive,
    departments,
    departmentId,
    setDepartmentId,
    input,
    setInput,
    q,
    search: () => setQ(input.trim()),
    clearSearch: () => {
      setInput('');
      setQ('');
    },
    list,
    editing,
    setEditing,
    open,
    save,
    startDeactivate,
    cancelDeactivate: () => setEditing((e) => (e ? { ...e, deactivate: undefined } : e)),
    chooseSuccessor,
    confirmDeactivate,
    reactivate,
    successors: {
      ...successors,
      options: successors.options.filter((s) => s.id !== editing?.staff.id),
    },
    busy,
    error,
  };
}
