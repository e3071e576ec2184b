import { Injectable, Param, type PipeTransform } from '@nestjs/common';
import { DICTIONARY_KIND_VALUES, isDictionaryKind } from '@qsgj/shared/contracts';
import type { DictionaryKind } from '@qsgj/shared/enums';
import { AppException, fieldError } from '../../common/errors/app-exception';

const KIND_MESSAGE = `没有这个字典（可选：${DICTIONARY_KIND_VALUES.join('、')}）`;

/** `:kind` of the dictionary routes: one of the four kinds, else 404 as for any unknown address. */
@Injectable()
export class DictionaryKindPipe implements PipeTransform<unknown, DictionaryKind> {
  transform(value: unknown): DictionaryKind {
    if (isDictionaryKind(value)) return value;
    throw new AppException('NOT_FOUND', [{ field: 'kind', message: KIND_MESSAGE }], undefined, KIND_MESSAGE);
  }
}

/** `:id` of an entry: a positive 32-bit integer, checked before it reaches the database. */
@Injectable()
export class EntryIdPipe implements PipeTransform<unknown, number> {
  transform(value: unknown): number {
    // The global ValidationPipe has already turned a numeric text into a number (the parameter is typed number).
    const text = typeof value === 'number' || typeof value === 'string' ? String(value) : '';
    const n = /^[1-9]\d{0,9}$/.test(text) ? Number(text) : NaN;
    if (Number.isSafeInteger(n) && n <= 2_147_483_647) return n;
    throw fieldError('id', '编号格式错误，请检查链接是否完整');
  }
}

export const KindParam = (): ParameterDecorator => Param('kind', new DictionaryKindPipe());
export const EntryIdParam = (): ParameterDecorator => Param('id', new EntryIdPipe());
