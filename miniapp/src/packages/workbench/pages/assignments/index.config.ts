export default definePageConfig({ navigationBarTitleText: '企业分配' });
