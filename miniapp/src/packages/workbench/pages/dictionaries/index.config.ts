export default definePageConfig({ navigationBarTitleText: '字典管理' });
