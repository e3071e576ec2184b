import { useRouter } from '@tarojs/taro';
import { ApiError } from '@/services/http';
import { useRequest } from '@/hooks/use-request';

type Errors = Record<string, string>;

/**
 * The record an editor opens (`?id=`; none: a new one), loaded once the user is known to be an admin — the
 * page's one request before its first render.
 */
export function useEditedRecord<T>(admin: boolean, detail: (id: string) => Promise<T>) {
  const { params } = useRouter();
  const initialId = params.id || undefined;
  const loaded = useRequest(() => detail(initialId!), [initialId], { enabled: admin && !!initialId });
  return { initialId, loaded };
}

/**
 * Field errors of a refusal, by field; a nested field (`attachments.0.url`) also counts for its root
 * (`attachments`). With `{ rootsOnly }`, only the roots.
 */
export function fieldErrors(e: Error, { rootsOnly = false }: { rootsOnly?: boolean } = {}): Errors {
  const out: Errors = {};
  if (!(e instanceof ApiError) || !Array.isArray(e.details)) return out;
  for (const d of e.details) {
    if (!d.field) continue;
    if (!rootsOnly) out[d.field] ??= d.message;
    out[d.field.split(/[.[]/)[0]] ??= d.message;
  }
  return out;
}

/** For `setErrors`: the errors without `key`'s (the same object when it has none). */
export const withoutError =
  (key: string) =>
  (errors: Errors): Errors => {
    if (!errors[key]) return errors;
    const rest = { ...errors };
    delete rest[key];
    return rest;
  };

/**
 * Saves once the form's own checks pass: `local` errors are shown and nothing is sent; a refusal's errors
 * are shown at their fields and thrown on (for the action's message).
 */
export async function saveChecked<T>(
  local: Errors,
  setErrors: (errors: Errors) => void,
  send: () => Promise<T>,
  byField: (e: Error) => Errors = fieldErrors,
): Promise<T> {
  if (Object.keys(local).length) {
    setErrors(local);
    throw new Error('请先修改标红的项目');
  }
  setErrors({});
  try {
    return await send();
  } catch (e) {
    setErrors(byField(e as Error));
    throw e;
  }
}
