export default definePageConfig({ navigationBarTitleText: '需求分拣', enablePullDownRefresh: true });
