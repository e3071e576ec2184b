export default definePageConfig({ navigationBarTitleText: '管家团队' });
