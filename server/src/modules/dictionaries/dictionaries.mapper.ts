import type { DictionaryEntry } from '@qsgj/shared/contracts';
import type { DictionaryEntryEntity } from './dictionary-entry.entity';

export function toDictionaryEntry(e: DictionaryEntryEntity): DictionaryEntry {
  return { id: e.id, kind: e.kind, value: e.value, sort: e.sort, active: e.active };
}
