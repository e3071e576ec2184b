export default definePageConfig({ navigationBarTitleText: '商圈管理' });
