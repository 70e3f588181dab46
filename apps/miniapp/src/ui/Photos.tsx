import { useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import { apiBaseUrl } from '@/platform/env';
import { choosePhotos, MAX_PHOTO_BYTES, uploadPhoto } from '@/platform/uploads';
import { a11y, keyActivate } from '@/platform/a11y';
import { previewImages } from '@/platform/preview';
import { toast } from '@/platform/feedback';

/** Absolute address of an uploaded photo (/api/uploads/<id>) for <Image>. */
export function photoSrc(url: string): string {
  return url.startsWith('/') ? `${apiBaseUrl()}${url}` : url;
}

/** Read-only thumbnails; a tap opens the full picture. */
export function PhotoStrip({ photos }: { photos: string[] }) {
  const [shown, setShown] = useState<string | null>(null);
  if (!photos.length) return null;
  const close = () => setShown(null);
  return (
    <View className="photos">
      {photos.map((p, i) => {
        const open = () => {
          if (!previewImages(photos.map(photoSrc), photoSrc(p))) setShown(p);
        };
        return (
          <View
            key={p}
            className="photo"
            onClick={open}
            {...a11y(`照片${i + 1}，点按查看大图`, { role: 'button' })}
            {...keyActivate(open)}
          >
            <Image className="photo-img" src={photoSrc(p)} mode="aspectFill" imgProps={{ alt: `照片${i + 1}` }} />
          </View>
        );
      })}
      {shown ? (
        <View
          className="photo-viewer"
          onClick={close}
          {...a11y('大图，点按关闭', { role: 'button' })}
          {...keyActivate(close)}
        >
          <Image className="photo-viewer-img" src={photoSrc(shown)} mode="widthFix" imgProps={{ alt: '大图' }} />
          <Text className="photo-viewer-close">点按任意处关闭</Text>
        </View>
      ) : null}
    </View>
  );
}

interface PhotoPickerProps {
  value: string[];
  onChange: (next: string[]) => void;
  max: number;
}

/** Up to `max` photos: pick, upload at once (POST /api/uploads), remove. */
export function PhotoPicker({ value, onChange, max }: PhotoPickerProps) {
  const [busy, setBusy] = useState(false);
  const add = async () => {
    if (busy || value.length >= max) return;
    const files = await choosePhotos(max - value.length);
    if (!files.length) return;
    setBusy(true);
    const next = [...value];
    for (const f of files) {
      if (f.size > MAX_PHOTO_BYTES) {
        toast('照片不能超过5MB');
        continue;
      }
      try {
        next.push((await uploadPhoto(f.path)).url);
        onChange([...next]);
      } catch {
        break; // the error was shown
      }
    }
    setBusy(false);
  };
  return (
    <View className="photos">
      {value.map((p, i) => {
        const remove = () => onChange(value.filter((x) => x !== p));
        return (
          <View key={p} className="photo">
            <Image
              className="photo-img"
              src={photoSrc(p)}
              mode="aspectFill"
              imgProps={{ alt: `照片${i + 1}` }}
              {...a11y(`照片${i + 1}`, { role: 'img' })}
            />
            <View
              className="photo-del"
              onClick={remove}
              {...a11y(`删除照片${i + 1}`, { role: 'button' })}
              {...keyActivate(remove)}
            >
              <Text>删除</Text>
            </View>
          </View>
        );
      })}
      {value.length < max ? (
        <View
          className="photo photo-add"
          onClick={() => void add()}
          {...a11y(busy ? '正在上传照片' : '添加照片', { role: 'button', disabled: busy })}
          {...keyActivate(() => void add())}
        >
          <Text className="photo-add-icon">{busy ? '…' : '＋'}</Text>
          <Text className="photo-add-text">{busy ? '上传中' : '添加照片'}</Text>
        </View>
      ) : null}
    </View>
  );
}
