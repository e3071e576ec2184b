import { normalizeText } from '../policies/search/index-fields';
import { policyJieba } from '../policies/search/jieba';
import { splitWords, wordGrams } from '../policies/search/query';

/**
 * The words of what the consultation form has typed. A typed question is a sentence, one "word" to the policies'
 * query parser (「我们想办理营业执照需要什么材料」 has no spaces), so the sentence is cut by the policies' jieba (its
 * search mode, with the policy words) into terms; words that say nothing about the subject (我们, 需要, 什么 …)
 * are dropped. A short typed word (up to 6 characters) is a term itself too. Each term is found by its bigrams and
 * rechecked by substring, as policy search does.
 */

/** Words every question has. */
const STOP = new Set([
  '我们',
  '我司',
  '公司',
  '企业',
  '你们',
  '您好',
  '你好',
  '请问',
  '需要',
  '什么',
  '怎么',
  '怎样',
  '如何',
  '哪些',
  '哪里',
  '可以',
  '能否',
  '是否',
  '能不能',
  '有没有',
  '是不是',
  '这个',
  '那个',
  '一下',
  '问题',
  '情况',
  '相关',
  '关于',
  '现在',
  '已经',
  '时候',
  '还是',
  '或者',
  '因为',
  '所以',
  '如果',
  '谢谢',
  '咨询',
  '想问',
  '了解',
  '一个',
  '没有',
  '应该',
  '要求',
  '一家',
  '多久',
  '办好',
  '能办',
  '一起',
]);

/** At most this many terms (the longest, most specific first). */
const TERMS_MAX = 8;
/** A typed word this short is a term as it stands. */
const WHOLE_WORD_MAX = 6;

export interface SuggestionTerms {
  /** Normalised terms, longest first; no term inside another. */
  terms: string[];
  /** Each term's index lexemes. */
  grams: string[][];
}

export function suggestionTerms(q: string): SuggestionTerms {
  const found: string[] = [];
  const add = (t: string) => {
    if ([...t].length >= 2 && !STOP.has(t) && !found.includes(t)) found.push(t);
  };
  for (const word of splitWords(normalizeText(q))) {
    if ([...word].length <= WHOLE_WORD_MAX) add(word);
    if (/\p{Script=Han}/u.test(word)) {
      for (const t of policyJieba().cutForSearch(word, false)) if (/^[\p{L}\p{N}]+$/u.test(t)) add(t);
    }
  }
  // A term inside a longer one adds nothing the longer one does not (营业 inside 营业执照) — unless it is all there is.
  const kept = found.filter((t) => !found.some((o) => o !== t && o.includes(t)));
  const terms = kept
    .sort((a, b) => [...b].length - [...a].length || found.indexOf(a) - found.indexOf(b))
    .slice(0, TERMS_MAX);
  return { terms, grams: terms.map(wordGrams) };
}
