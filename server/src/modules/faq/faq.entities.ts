import { FaqEntryEntity } from './faq-entry.entity';
import { FaqSuggestionDraftEntity } from './faq-suggestion-draft.entity';

/** The entities of 常见问题 (/faq, staff review) and the consultation form's suggestions, listed in ENTITIES (database/entities.ts). */
export const FAQ_ENTITIES = [FaqEntryEntity, FaqSuggestionDraftEntity];
