import { Text, View } from '@tarojs/components';
import { a11y } from '@/platform/a11y';
import { useDialog, useToast } from '@/platform/overlays';
import { Btn } from './Button';
import './Overlays.css';

/**
 * The confirm dialog and the toast of platform/overlays, inside <Page> (so 长辈版's sizes apply).
 * Taro H5 keeps earlier pages of the stack in the DOM but hidden: only the page on screen shows them.
 */
export function Overlays() {
  const dialog = useDialog();
  const message = useToast();
  return (
    <>
      {dialog ? (
        <View className="overlay-mask">
          <View className="dialog" {...a11y(dialog.title, { role: 'alertdialog', modal: true })}>
            <Text className="dialog-title" {...a11y(undefined, { role: 'heading', level: 2 })}>
              {dialog.title}
            </Text>
            {dialog.content ? <Text className="dialog-text">{dialog.content}</Text> : null}
            <View className="dialog-actions">
              {dialog.showCancel ? (
                <Btn variant="plain" className="dialog-btn" onClick={() => dialog.resolve(false)}>
                  {dialog.cancelText}
                </Btn>
              ) : null}
              <Btn
                variant={dialog.danger ? 'danger' : 'primary'}
                className="dialog-btn"
                onClick={() => dialog.resolve(true)}
              >
                {dialog.confirmText}
              </Btn>
            </View>
          </View>
        </View>
      ) : null}
      {message ? (
        <View className="toast" key={message.id} {...a11y(undefined, { role: 'status', live: 'polite' })}>
          <Text className="toast-text">{message.icon === 'success' ? `✓ ${message.title}` : message.title}</Text>
        </View>
      ) : null}
    </>
  );
}
