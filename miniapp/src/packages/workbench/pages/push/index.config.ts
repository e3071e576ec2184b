export default definePageConfig({ navigationBarTitleText: '推送进度' });
