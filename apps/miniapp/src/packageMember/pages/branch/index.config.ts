export default definePageConfig({ navigationBarTitleText: '支部报名' });
