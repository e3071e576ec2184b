export default definePageConfig({ navigationBarTitleText: '亲商管家' });
