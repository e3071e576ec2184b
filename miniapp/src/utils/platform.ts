/** Compiled in by Taro: true in the WeChat build, false in H5. */
export const IS_WEAPP = process.env.TARO_ENV === 'weapp';
