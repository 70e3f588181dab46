import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { CommunityPublicDto } from '@sbd/contracts';
import { isWeapp } from '@/platform/env';
import { Btn } from '@/ui/Button';
import { CodeField } from '@/ui/CodeField';
import { ErrorState } from '@/ui/States';
import { communityCodeFromScan, normalizeCode } from '@/features/org/community';

/** Step 0: no community code in the link — type it or scan the community's code. */
export function CodeEntry({ onCode, error }: { onCode: (code: string) => void; error: string }) {
  const [text, setText] = useState('');
  const [inputError, setInputError] = useState('');
  const submit = () => {
    const code = normalizeCode(text);
    if (!code) {
      setInputError('请输入正确的社区编码（字母或数字）');
      return;
    }
    setInputError('');
    onCode(code);
  };
  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: false });
      const code = communityCodeFromScan(res);
      if (code) onCode(code);
      else setInputError('没有识别到社区二维码，请重试或手动输入编码');
    } catch {
      // cancelled
    }
  };
  return (
    <View className="card">
      <Text className="block mb-32">请扫描所住社区张贴的「双报到」二维码，或输入社区工作人员提供的社区编码。</Text>
      {error ? <ErrorState message={error} /> : null}
      <CodeField
        label="社区编码"
        required
        error={inputError}
        value={text}
        onChange={setText}
        onConfirm={submit}
        placeholder="例如：XF0101"
        maxLength={64}
      />
      <Btn onClick={submit}>确定</Btn>
      {isWeapp() ? (
        <Btn variant="secondary" onClick={() => void scan()}>
          扫一扫社区二维码
        </Btn>
      ) : null}
    </View>
  );
}

export function CommunityHeader({ community }: { community: CommunityPublicDto }) {
  const place = [community.districtName, community.streetName].filter(Boolean).join(' · ');
  return (
    <View className="card">
      <Text className="t-s t-muted block">报到社区</Text>
      <Text className="t-xl t-bold block">{community.name}</Text>
      {place ? <Text className="t-s t-muted block">{place}</Text> : null}
      {community.address ? <Text className="t-s t-muted block">{community.address}</Text> : null}
    </View>
  );
}
