import { Text, View } from '@tarojs/components';

export default function Index() {
  return (
    <View className="home">
      <Text>亲商管家</Text>
    </View>
  );
}
