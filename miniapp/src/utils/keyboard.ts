/**
 * Keyboard access for Taro's custom elements: H5 only, see keyboard.h5.ts (Taro builds the `.h5.ts`
 * file into H5 and this one into the weapp, where WeChat's own components handle accessibility).
 */
export function enableKeyboardAccess(): void {}
