import type { MarketListingDto, MyMarketListing } from '@qsgj/shared/contracts';
import { ApiError } from '@/services/http';

/** The fields of the listing form, as typed. */
export interface ListingForm {
  introduction: string;
  products: string;
}

export type ListingField = 'introduction' | 'products' | 'logoFileId' | 'visible';
export type ListingErrors = Partial<Record<ListingField, string>>;

const FIELDS: readonly ListingField[] = ['introduction', 'products', 'logoFileId', 'visible'];

/** Never listed / listed / left (the text is kept for a return). */
export type ListingState = 'never' | 'listed' | 'left';

export function stateOf(l: MyMarketListing): ListingState {
  if (l.visible) return 'listed';
  return l.updatedAt === null ? 'never' : 'left';
}

export function formOf(l: MyMarketListing): ListingForm {
  return { introduction: l.introduction, products: l.products };
}

/** What the form checks before sending (the same words as the server's; it checks again). */
export function localErrors(f: ListingForm): ListingErrors {
  const errors: ListingErrors = {};
  if (!f.introduction.trim()) errors.introduction = '请填写企业简介';
  if (!f.products.trim()) errors.products = '请填写主营产品与服务';
  return errors;
}

/** The server's refusal by field; `undefined` when it names none of the form's fields. */
export function serverErrors(e: Error): ListingErrors | undefined {
  if (!(e instanceof ApiError) || !Array.isArray(e.details)) return undefined;
  const errors: ListingErrors = {};
  for (const d of e.details) {
    const field = FIELDS.find((f) => d.field === f || d.field?.startsWith(`${f}.`));
    if (field && !errors[field]) errors[field] = d.message;
  }
  return Object.keys(errors).length ? errors : undefined;
}

/** The body of `PUT /me/enterprise/listing`. */
export function bodyOf(f: ListingForm, logoFileId: string | null, visible: boolean): MarketListingDto {
  return { introduction: f.introduction.trim(), products: f.products.trim(), logoFileId, visible };
}

/** Not allowed to edit the listing: a plain member (403) or no approved enterprise (404). */
export function refusalOf(e: Error | null): 'member' | 'unbound' | undefined {
  if (!(e instanceof ApiError)) return undefined;
  if (e.statusCode === 403) return 'member';
  if (e.code === 'ENTERPRISE_NOT_BOUND' || e.statusCode === 404) return 'unbound';
  return undefined;
}
