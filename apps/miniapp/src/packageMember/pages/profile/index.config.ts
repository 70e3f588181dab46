export default definePageConfig({ navigationBarTitleText: '服务信息' });
