import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { POLICY_TERMS } from './policy-terms';

let instance: Jieba | undefined;

/** One jieba per process: the general dictionary plus the policy words (loading it takes a few hundred ms). */
export function policyJieba(): Jieba {
  if (!instance) {
    instance = Jieba.withDict(dict);
    // A high frequency makes the policy words win over their parts when jieba cuts.
    instance.loadDict(Buffer.from(POLICY_TERMS.map((t) => `${t} 200000 n`).join('\n')));
  }
  return instance;
}
