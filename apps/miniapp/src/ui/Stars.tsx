import { Text, View } from '@tarojs/components';
import { RATING_MAX, RATING_MIN } from '@sbd/contracts';
import { a11y, cx, keyActivate } from '@/platform/a11y';

export const SCORE_WORDS: Record<number, string> = {
  1: '很不满意',
  2: '不满意',
  3: '一般',
  4: '满意',
  5: '非常满意',
};

interface StarsProps {
  label: string;
  value: number | null;
  onChange: (score: number) => void;
}

/** 1–5 rating: each score is its own big button with the number and a word, not only a star. */
export function Stars({ label, value, onChange }: StarsProps) {
  const scores = Array.from({ length: RATING_MAX - RATING_MIN + 1 }, (_, i) => RATING_MIN + i);
  return (
    <View>
      <View className="stars" {...a11y(label)}>
        {scores.map((s) => {
          const on = value !== null && s <= value;
          const pick = () => onChange(s);
          return (
            <View
              key={s}
              className={cx('star', on && 'on')}
              onClick={pick}
              {...a11y(`${s}分，${SCORE_WORDS[s]}`, { role: 'radio', checked: value === s })}
              {...keyActivate(pick)}
            >
              <Text className="star-icon">{on ? '★' : '☆'}</Text>
              <Text className="star-num">{`${s}分`}</Text>
            </View>
          );
        })}
      </View>
      <Text className="t-s t-muted block mt-16">
        {value ? `已选：${value}分（${SCORE_WORDS[value]}）` : '请点选分数'}
      </Text>
    </View>
  );
}
