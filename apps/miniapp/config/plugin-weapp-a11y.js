/**
 * Local Taro plugin: lets `aria-*` attributes reach the WeChat templates.
 *
 * Taro's weapp templates only render the attributes it knows for each built-in component, and
 * View/Text/Image do not list WeChat's accessibility attributes (aria-role, aria-label, ...).
 * Merging them into the template's component list makes `<View aria-label="…">` work on weapp
 * the same way it does on H5 (where the props go straight to the DOM).
 */
const ARIA = {
  'aria-role': '',
  'aria-label': '',
  'aria-checked': '',
  'aria-disabled': '',
  'aria-selected': '',
  'aria-hidden': '',
  'aria-live': '',
};

module.exports = (ctx) => {
  ctx.registerMethod({
    name: 'onSetupClose',
    fn(platform) {
      if (!platform || !platform.template || typeof platform.template.mergeComponents !== 'function') return;
      platform.template.mergeComponents(ctx, {
        View: { ...ARIA },
        Text: { ...ARIA },
        Image: { 'aria-label': '', 'aria-role': '' },
        Input: { 'aria-label': '' },
        Textarea: { 'aria-label': '' },
      });
    },
  });
};
