export default definePageConfig({ navigationBarTitleText: '应急召集', enablePullDownRefresh: true });
