import { useEffect, useState } from 'react';
import type { DictionaryEntry } from '@qsgj/shared/contracts';
import { DICTIONARY_VALUE_MAX } from '@qsgj/shared/rules';
import type { DictionaryKind } from '@qsgj/shared/enums';
import { useAction } from '@/hooks/use-action';
import { useRequest } from '@/hooks/use-request';
import { dictionariesApi } from '@/services/policies.api';
import { toast } from '@/utils/routes';
import { useAdmin } from '@/packages/workbench/components/policy-admin/use-admin';

export const KINDS: readonly DictionaryKind[] = ['categories', 'industries', 'districts', 'qualifications'];

const ordered = (items: DictionaryEntry[]) => [...items].sort((a, b) => a.sort - b.sort || a.id - b.id);

/** The new order's sort values to send: the two swapped entries, or (when their sorts tie) every entry renumbered. */
export function moves(items: DictionaryEntry[], index: number, delta: -1 | 1): Array<{ id: number; sort: number }> {
  const other = index + delta;
  if (other < 0 || other >= items.length) return [];
  const a = items[index];
  const b = items[other];
  if (a.sort !== b.sort)
    return [
      { id: a.id, sort: b.sort },
      { id: b.id, sort: a.sort },
    ];
  const order = items.slice();
  order[index] = b;
  order[other] = a;
  return order.map((e, i) => ({ id: e.id, sort: (i + 1) * 10 })).filter((m, i) => order[i].sort !== m.sort);
}

/**
 * 字典管理 (admins): the four dictionaries (政策类别、行业、区域、企业资质), every entry with inactive ones
 * (`GET /admin/dictionaries/:kind`); 添加, 重命名 in place (the server renames the value wherever it is used),
 * 启用/停用, and 上移/下移 (the sort values).
 */
export function useDictionaries() {
  const admin = useAdmin();
  const [kind, setKindState] = useState<DictionaryKind>('categories');
  const list = useRequest(() => dictionariesApi.all(kind), [kind], { enabled: admin });
  const [items, setItems] = useState<DictionaryEntry[]>([]);
  const [adding, setAdding] = useState('');
  const [editing, setEditing] = useState<{ id: number; value: string } | null>(null);
  const action = useAction();

  useEffect(() => {
    if (list.data && list.data.kind === kind) setItems(ordered(list.data.items));
  }, [list.data, kind]);

  const replace = (entry: DictionaryEntry) =>
    setItems((rows) => ordered(rows.map((r) => (r.id === entry.id ? entry : r))));

  const setKind = (k: DictionaryKind) => {
    if (k === kind) return;
    setItems([]);
    setEditing(null);
    setAdding('');
    action.setError(undefined);
    setKindState(k);
  };

  const add = () =>
    void action.run(async () => {
      const value = adding.trim();
      if (!value) throw new Error('请输入名称');
      const sort = items.reduce((m, e) => Math.max(m, e.sort), 0) + 10;
      const entry = await dictionariesApi.create(kind, { value, sort });
      setItems((rows) => ordered([...rows.filter((r) => r.id !== entry.id), entry]));
      setAdding('');
      toast('已添加', 'success');
    });

  const toggle = (entry: DictionaryEntry) =>
    void action.run(async () => replace(await dictionariesApi.update(kind, entry.id, { active: !entry.active })));

  const rename = () =>
    void action.run(async () => {
      if (!editing) return;
      const value = editing.value.trim();
      if (!value) throw new Error('请输入名称');
      replace(await dictionariesApi.update(kind, editing.id, { value }));
      setEditing(null);
      toast('已重命名', 'success');
    });

  const move = (index: number, delta: -1 | 1) =>
    void action.run(async () => {
      for (const m of moves(items, index, delta)) replace(await dictionariesApi.update(kind, m.id, { sort: m.sort }));
    });

  return {
    admin,
    kind,
    setKind,
    list,
    items: list.data?.kind === kind ? items : [],
    adding,
    setAdding,
    add,
    toggle,
    editing,
    startRename: (e: DictionaryEntry) => {
      action.setError(undefined);
      setEditing({ id: e.id, value: e.value });
    },
    setEditValue: (value: string) => setEditing((e) => (e ? { ...e, value } : e)),
    cancelRename: () => setEditing(null),
    rename,
    move,
    busy: action.busy,
    error: action.error,
    maxLength: DICTIONARY_VALUE_MAX,
  };
}
