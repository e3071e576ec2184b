import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { FaqCaseSource, PolicyListItem, StaffFaqItem } from '@qsgj/shared/contracts';
import { Role } from '@qsgj/shared/enums';
import { useAction } from '@/hooks/use-action';
import { useRequest } from '@/hooks/use-request';
import { useStore } from '@/hooks/use-store';
import { faqApi, staffFaqApi } from '@/services/faq.api';
import { ApiError } from '@/services/http';
import { dictionariesApi, policiesApi } from '@/services/policies.api';
import { isStaff, sessionStore } from '@/stores/session';
import { openPage, PAGES, toast } from '@/utils/routes';

/** The server's limits (contracts' FAQ_QUESTION_MAX, FAQ_ANSWER_MAX, FAQ_POLICIES_MAX). */
export const QUESTION_MAX = 200;
export const ANSWER_MAX = 5000;
export const POLICIES_MAX = 5;

export type FaqField = 'question' | 'answer' | 'categories' | 'policyIds' | 'caseId' | 'form';

// No lookbehind: older WeChat JavaScript engines (iOS) cannot parse it.
const MOBILE = /(^|\D)1[3-9]\d{9}(?!\d)/;
const LANDLINE = /(^|\D)0\d{2,3}\d{7,8}(?!\d)/;

/**
 * What the text still holds of the enterprise's identity, for the warning while it is edited (the server refuses
 * it on save with its own words): its name, its credit code, a phone number.
 */
export function identityWarnings(text: string, identity: FaqCaseSource['identity'] | null): string[] {
  const squeezed = text.normalize('NFKC').replace(/\s+/g, '');
  const digits = squeezed.replace(/(\d)-+(?=\d)/g, '$1');
  const out: string[] = [];
  if (identity?.enterpriseName && squeezed.includes(identity.enterpriseName.replace(/\s+/g, ''))) {
    out.push(`含有企业名称「${identity.enterpriseName}」`);
  }
  if (identity?.creditCode && squeezed.toUpperCase().includes(identity.creditCode.toUpperCase())) {
    out.push('含有企业的统一社会信用代码');
  }
  if (MOBILE.test(digits) || LANDLINE.test(digits)) out.push('含有电话号码');
  return out;
}

/**
 * 常见问题编辑 (`?id=` an entry, `?caseId=` a resolved consultation to rewrite, neither: a blank one). From a
 * consultation the form pre-fills its text and the last staff reply, and warns while the enterprise's identity is
 * still in it. 保存 writes a draft (or sends a published entry back to review); 审核发布 is offered to a supervisor or
 * admin who neither wrote nor last edited it; 撤回 to supervisors and admins.
 */
export function useFaqEdit() {
  const { params } = useRouter();
  const [id, setId] = useState(params?.id || '');
  const caseId = id ? '' : params?.caseId || '';
  const session = useStore(sessionStore);
  const staff = isStaff(session);
  useDidShow(() => {
    if (!isStaff(sessionStore.get())) void Taro.redirectTo({ url: PAGES.staffLogin });
  });
  const reviewer = session?.user.role === Role.SUPERVISOR || session?.user.role === Role.ADMIN;

  const entry = useRequest(() => staffFaqApi.detail(id), [id], { enabled: staff && !!id });
  const source = useRequest(() => staffFaqApi.caseSource(caseId), [caseId], { enabled: staff && !!caseId });
  // The dictionary once the entry (or consultation) has answered: one request before the form shows.
  const [ready, setReady] = useState(false);
  if (!ready && (!id || !!entry.data) && (!caseId || !!source.data || !!source.error)) setReady(true);
  const categories = useRequest(() => dictionariesApi.get('categories'), [], { enabled: staff && ready });

  const [question, setQuestion] = useState('');
  const [answer, setAnswer] = useState('');
  const [chosenCategories, setCategories] = useState<string[]>([]);
  const [policies, setPolicies] = useState<Array<{ id: string; title: string }>>([]);
  const [filled, setFilled] = useState<string | null>(null);
  const [errors, setErrors] = useState<Partial<Record<FaqField, string>>>({});
  const [item, setItem] = useState<StaffFaqItem | null>(null);
  const [policyQ, setPolicyQ] = useState('');
  const [policyHits, setPolicyHits] = useState<PolicyListItem[] | null>(null);
  const saving = useAction();
  const reviewing = useAction();
  const searching = useAction();

  // Fill the form once per entry / consultation.
  useEffect(() => {
    const e = entry.data;
    if (!e || e.id !== id || filled === `faq:${id}`) return;
    setItem(e);
    setQuestion(e.question);
    setAnswer(e.answer);
    setCategories(e.categories);
    setPolicies(e.policyIds.map((pid) => ({ id: pid, title: `政策 ${pid.slice(0, 8)}` })));
    setFilled(`faq:${id}`);
    // The titles of the linked policies (published ones; the others keep their short id).
    if (e.policyIds.length === 0) return;
    void faqApi.detail(id).then(
      (d) =>
        setPolicies((list) =>
          list.map((p) => ({ id: p.id, title: d.policies.find((x) => x.id === p.id)?.title ?? p.title })),
        ),
      () => undefined,
    );
  }, [entry.data, id, filled]);
  useEffect(() => {
    const s = source.data;
    if (!s || s.caseId !== caseId || filled === `case:${caseId}`) return;
    if (s.existingFaqId) {
      toast('该咨询已生成常见问题，已为您打开该条目');
      setId(s.existingFaqId);
      return;
    }
    setQuestion(s.question.slice(0, QUESTION_MAX));
    setAnswer(s.answer);
    setFilled(`case:${caseId}`);
  }, [source.data, caseId, filled]);

  const identity = source.data?.identity ?? null;
  const warnings = identityWarnings(`${question}\n${answer}`, identity);

  const fromServer = (e: Error): string | undefined => {
    if (e instanceof ApiError && Array.isArray(e.details)) {
      const found: Partial<Record<FaqField, string>> = {};
      for (const d of e.details) {
        if (['question', 'answer', 'categories', 'policyIds', 'caseId'].includes(d.field)) {
          found[d.field as FaqField] ??= d.message;
        }
      }
      if (Object.keys(found).length) {
        setErrors(found);
        return undefined;
      }
    }
    setErrors({ form: e.message });
    return undefined;
  };

  const save = () =>
    saving.run(async () => {
      setErrors({});
      const body = {
        question: question.trim(),
        answer: answer.trim(),
        categories: chosenCategories,
        policyIds: policies.map((p) => p.id),
      };
      if (id) {
        const saved = await staffFaqApi.update(id, body);
        setItem(saved);
        toast(saved.status === 'draft' && item?.status === 'published' ? '已保存，需重新审核后发布' : '已保存');
      } else {
        const created = await staffFaqApi.create({ ...body, ...(caseId ? { caseId } : {}) });
        setItem(created);
        setFilled(`faq:${created.id}`);
        setId(created.id);
        toast('已保存为草稿，待主管或管理员审核');
      }
    }, fromServer);

  const publish = () =>
    reviewing.run(async () => {
      setErrors({});
      setItem(await staffFaqApi.publish(id));
      toast('已审核发布', 'success');
    }, fromServer);

  const withdraw = () =>
    reviewing.run(async () => {
      setErrors({});
      setItem(await staffFaqApi.withdraw(id));
      toast('已撤回');
    }, fromServer);

  const searchPolicies = () =>
    searching.run(async () => {
      const q = policyQ.trim();
      if (!q) return setPolicyHits(null);
      setPolicyHits((await policiesApi.search({ q, limit: 10 })).items);
    });

  const togglePolicy = (p: { id: string; title: string }) => {
    setErrors((e) => ({ ...e, policyIds: undefined }));
    setPolicies((list) =>
      list.some((x) => x.id === p.id)
        ? list.filter((x) => x.id !== p.id)
        : list.length >= POLICIES_MAX
          ? (toast(`关联政策最多 ${POLICIES_MAX} 条`), list)
          : [...list, { id: p.id, title: p.title }],
    );
  };

  const current = item ?? (entry.data?.id === id ? entry.data : null);
  const loadingFirst = (!!id && !current && entry.loading) || (!!caseId && !source.data && source.loading);
  const loadError = id ? (current ? null : entry.error) : caseId && !source.data ? source.error : null;

  return {
    staff,
    reviewer,
    id,
    caseId,
    source: source.data ?? null,
    item: current,
    loading: loadingFirst,
    loadError,
    reload: () => void (id ? entry.reload() : source.reload()),
    question,
    setQuestion: (v: string) => {
      setQuestion(v);
      setErrors((e) => ({ ...e, question: undefined }));
    },
    answer,
    setAnswer: (v: string) => {
      setAnswer(v);
      setErrors((e) => ({ ...e, answer: undefined }));
    },
    categoryOptions: (categories.data?.items ?? []).map((c) => ({ value: c.value, label: c.value })),
    categories: chosenCategories,
    setCategories: (v: string[]) => {
      setCategories(v);
      setErrors((e) => ({ ...e, categories: undefined }));
    },
    policies,
    togglePolicy,
    policyQ,
    setPolicyQ,
    policyHits,
    searchPolicies,
    searchingPolicies: searching.busy,
    warnings,
    errors,
    save,
    saving: saving.busy,
    publish,
    withdraw,
    reviewing: reviewing.busy,
    list: () => void openPage(PAGES.staffFaq).catch(() => undefined),
  };
}
