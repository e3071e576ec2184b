// The title says 咨询 or 投诉 once the page knows its type (setNavigationBarTitle).
export default definePageConfig({ navigationBarTitleText: '提交诉求' });
