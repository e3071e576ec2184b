export default definePageConfig({ navigationBarTitleText: '管家工作台' });
