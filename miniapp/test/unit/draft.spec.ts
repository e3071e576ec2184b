import Taro, { __reset } from '../shims/taro';
import {
  type CaseDraft,
  clearDraft,
  draftHasContent,
  draftStorageKey,
  loadDraft,
  saveDraft,
} from '../../src/utils/draft';

const draft = (over: Partial<CaseDraft> = {}): CaseDraft => ({
  userId: 'u-1',
  key: 'm3k2-abcdefgh-ijklmnop',
  content: '想了解高新技术企业认定的条件',
  category: 'innovation',
  anonymous: false,
  images: [{ id: '0b6f7f38-8c35-4f57-9b0c-6f1b8a0d2c11', path: 'wxfile://tmp_1.jpg', uploadedAt: 1_700_000_000_000 }],
  savedAt: 1_700_000_000_500,
  ...over,
});

beforeEach(() => __reset());

describe('case form drafts (utils/draft.ts)', () => {
  it('keeps one draft per form type in device storage, and gives back exactly what was saved', () => {
    const consult = draft();
    const complaint = draft({ key: 'other-key-12345', content: '窗口多次要求重复提交材料', anonymous: true });
    expect(saveDraft('consult', consult)).toBe(true);
    expect(saveDraft('complaint', complaint)).toBe(true);

    // Where it lands: the storage the app keeps across restarts, under one key per type.
    expect(Taro.getStorageSync('qsgj.caseDraft.consult')).toEqual(consult);
    expect(Taro.getStorageSync(draftStorageKey('complaint'))).toEqual(complaint);

    expect(loadDraft('consult', 'u-1')).toEqual(consult);
    expect(loadDraft('complaint', 'u-1')).toEqual(complaint);

    clearDraft('consult');
    expect(loadDraft('consult', 'u-1')).toBeNull();
    expect(Taro.getStorageSync('qsgj.caseDraft.consult')).toBe('');
    expect(loadDraft('complaint', 'u-1')).toEqual(complaint); // the other form's draft stays
  });

  it('never hands one user’s draft to another user signed in on the same phone', () => {
    saveDraft('consult', draft({ userId: 'u-1' }));
    expect(loadDraft('consult', 'u-2')).toBeNull();
    expect(loadDraft('consult', 'u-1')?.content).toBe('想了解高新技术企业认定的条件');
  });

  it('ignores a stored value of the wrong shape instead of restoring half a form', () => {
    const bad: unknown[] = [
      'text',
      { ...draft(), key: '' },
      { ...draft(), key: undefined },
      { ...draft(), content: 42 },
      { ...draft(), category: 7 },
      { ...draft(), anonymous: 'yes' },
      { ...draft(), images: [{ id: 'x', path: 'p' }] }, // no uploadedAt
      { ...draft(), images: 'none' },
    ];
    for (const value of bad) {
      Taro.setStorageSync('qsgj.caseDraft.consult', value);
      expect(loadDraft('consult', 'u-1')).toBeNull();
    }
  });

  it('answers false when the device refuses to store (storage full), without throwing', () => {
    const spy = jest.spyOn(Taro, 'setStorageSync').mockImplementation(() => {
      throw new Error('setStorageSync:fail exceed storage max size 10MB');
    });
    try {
      expect(saveDraft('consult', draft())).toBe(false);
    } finally {
      spy.mockRestore();
    }
    expect(loadDraft('consult', 'u-1')).toBeNull();
  });

  it('calls a draft worth announcing only when the user wrote or chose something', () => {
    const empty = draft({ content: '  \n', category: null, anonymous: false, images: [] });
    expect(draftHasContent(null)).toBe(false);
    expect(draftHasContent(empty)).toBe(false);
    expect(draftHasContent({ ...empty, content: '问' })).toBe(true);
    expect(draftHasContent({ ...empty, category: 'tax' })).toBe(true);
    expect(draftHasContent({ ...empty, anonymous: true })).toBe(true);
    expect(draftHasContent({ ...empty, images: draft().images })).toBe(true);
  });
});
