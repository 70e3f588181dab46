export default definePageConfig({ navigationBarTitleText: '需求进度', enablePullDownRefresh: true });
